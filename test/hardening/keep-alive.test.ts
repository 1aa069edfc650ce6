// Idle keep-alive connections on both sides of the proxy. A connection closed by one side just as the other sends a
// request on it is the classic source of spurious 502s and "other side closed" errors under load; the rule that
// avoids it is that whoever sends requests on a connection gives up on it first.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { startEngine, type Engine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { tempDataDir } from '../helpers/engine-harness';
import { createTestPki } from '../helpers/test-pki';

const UPSTREAM_IDLE_MS = 2_000;

describe('keep-alive between client, proxy and upstream', () => {
  let upstream: https.Server;
  let engine: Engine;
  const upstreamSockets: { clientEnded: boolean; closed: boolean }[] = [];

  beforeAll(async () => {
    const pki = createTestPki();
    upstream = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
      });
    });
    // Announced to clients as `Keep-Alive: timeout=2`; the server closes idle connections then.
    upstream.keepAliveTimeout = UPSTREAM_IDLE_MS;
    upstream.on('secureConnection', (socket: Socket) => {
      const seen = { clientEnded: false, closed: false };
      upstreamSockets.push(seen);
      socket.on('end', () => (seen.clientEnded = !seen.closed));
      socket.on('close', () => (seen.closed = true));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    engine = await startEngine({ dataDir: tempDataDir(), port: 0, uiPort: 0, map: [`api.openai.com=https://127.0.0.1:${port}`], upstreamCa: [pki.caPath], logger: silentLogger });
  });

  afterAll(async () => {
    await engine?.stop();
    upstream?.closeAllConnections();
    await new Promise<void>((resolve) => upstream?.close(() => resolve()));
  });

  const call = (agent: http.Agent) =>
    new Promise<{ status: number }>((resolve, reject) => {
      const req = http.request(`${engine.proxyUrl}/openai/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    });

  it('keeps an idle client connection through CONNECT open past 5 s, and does not pass on the upstream Keep-Alive', async () => {
    const proxy = new URL(engine.proxyUrl);
    const raw = net.connect(Number(proxy.port), proxy.hostname);
    await new Promise<void>((resolve, reject) => {
      raw.once('error', reject);
      raw.write('CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n');
      raw.once('data', (chunk: Buffer) => (chunk.toString().startsWith('HTTP/1.1 200') ? resolve() : reject(new Error(chunk.toString()))));
    });
    const socket = tls.connect({ socket: raw, servername: 'api.openai.com', ca: readFileSync(engine.caCertPath, 'utf8') });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    let ended = false;
    socket.on('end', () => (ended = true));
    const ask = () =>
      new Promise<string>((resolve) => {
        let text = '';
        const onData = (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('"chat.completion"')) {
            socket.off('data', onData);
            resolve(text);
          }
        };
        socket.on('data', onData);
        const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
        socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      });
    try {
      const first = await ask();
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      expect(first.toLowerCase()).not.toContain('keep-alive: timeout=2');
      // Node's servers close idle connections after 5 s by default; ours must leave that to the client.
      await new Promise((r) => setTimeout(r, 5_500));
      expect(ended).toBe(false);
      expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      socket.destroy();
    }
  });

  it('drops an idle upstream connection before the upstream does', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await call(agent)).status).toBe(200);
      await new Promise((r) => setTimeout(r, UPSTREAM_IDLE_MS + 500));
      expect((await call(agent)).status).toBe(200);
    } finally {
      agent.destroy();
    }
    // The first upstream connection was ended by the proxy (a FIN from its side) before the upstream's own idle
    // timeout destroyed it.
    expect(upstreamSockets.length).toBeGreaterThanOrEqual(2);
    expect(upstreamSockets[0]).toEqual({ clientEnded: true, closed: true });
  });
});
