import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { startTestEngine } from '../helpers/engine-harness';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import type { Engine } from '../../electron/core/engine';

let pki: TestPki;
let server: https.Server;
let wsPort: number;
let upstream: FakeUpstream;
let engine: Engine;

beforeAll(async () => {
  pki = createTestPki();
  server = https.createServer({ key: pki.keyPem, cert: pki.certPem });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${data.toString()}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  wsPort = (server.address() as AddressInfo).port;
  upstream = await startFakeUpstream();
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
  server?.closeAllConnections();
  server?.close();
});

/** Opens a CONNECT tunnel through the proxy, as a WebSocket client configured with HTTPS_PROXY would. */
function tunnelSocket(proxyUrl: string, port: number): Promise<net.Socket> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(proxy.port), proxy.hostname, () => socket.write(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    socket.once('data', (head) => (head.toString().startsWith('HTTP/1.1 200') ? resolve(socket) : reject(new Error(head.toString()))));
    socket.once('error', reject);
  });
}

async function echoThroughProxy(ca: string[]): Promise<string> {
  const raw = await tunnelSocket(engine.proxyUrl, wsPort);
  const client = new WebSocket(`wss://127.0.0.1:${wsPort}/realtime`, {
    createConnection: () => tls.connect({ socket: raw, host: '127.0.0.1', ca }),
  });
  return new Promise((resolve, reject) => {
    client.once('open', () => client.send('ping'));
    client.once('message', (data) => {
      resolve(data.toString());
      client.close();
    });
    client.once('error', reject);
  });
}

describe('WebSocket upgrades', () => {
  it('pass through a tunnelled host with the server speaking for itself', async () => {
    engine = await startTestEngine(upstream);
    expect(await echoThroughProxy([pki.caPem])).toBe('echo:ping');
    await engine.stop();
  });

  it('pass through an intercepted host, re-signed by the Threadtap CA', async () => {
    engine = await startTestEngine(upstream, { intercept: ['127.0.0.1'], upstreamCa: [pki.caPath] });
    const { readFileSync } = await import('node:fs');
    expect(await echoThroughProxy([readFileSync(engine.caCertPath, 'utf8')])).toBe('echo:ping');
  });
});
