// A decrypted CONNECT is served on the client's own socket once its host's HTTPS server exists, instead of through a
// second TCP connection over loopback piped to the first (http-mitm-proxy's way), which cost two more sockets, and
// two more reads and writes on the proxy's thread for every chunk.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import tls, { type TLSSocket } from 'node:tls';
import { startEngine, type Engine } from '../../../electron/core/engine';
import { silentLogger } from '../../../electron/core/logger';
import { tempDataDir } from '../../helpers/engine-harness';

const HOST = 'api.openai.com';

/** Sockets this process holds open, the client's ends included. */
function openSockets(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

describe('CONNECT hand-over', () => {
  let engine: Engine;
  let ca: string;
  const clients: TLSSocket[] = [];

  beforeAll(async () => {
    engine = await startEngine({ dataDir: tempDataDir(), port: 0, uiPort: 0, logger: silentLogger });
    ca = readFileSync(engine.caCertPath, 'utf8');
  });

  afterAll(async () => {
    for (const socket of clients) socket.destroy();
    await engine?.stop();
  });

  function openTls(): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(engine.proxyUrl);
      const connect = http.request({ host: hostname, port, method: 'CONNECT', path: `${HOST}:443` });
      connect.on('connect', (res, socket) => {
        if (res.statusCode !== 200) return reject(new Error(`CONNECT answered ${res.statusCode}`));
        const secure = tls.connect({ socket, servername: HOST, ca }, () => resolve(secure));
        secure.on('error', reject);
        clients.push(secure);
      });
      connect.on('error', reject);
      connect.end();
    });
  }

  it('holds one socket per decrypted connection to a host it has seen, and serves requests on it', async () => {
    await openTls();
    const before = openSockets();
    const count = 20;
    const opened = await Promise.all(Array.from({ length: count }, openTls));
    await new Promise((r) => setTimeout(r, 200));
    // Each connection is the client's end plus the proxy's: 2. Through a loopback hop it was 4.
    expect(openSockets() - before).toBeLessThanOrEqual(count * 2 + 2);

    // The handed-over socket speaks HTTP: an unknown route on the decrypted host is answered by the proxy itself.
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = opened[0];
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n\r\n')) resolve(text);
      });
      socket.on('error', reject);
      socket.write(`GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${new URL(engine.proxyUrl).port}\r\n\r\n`);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
  });
});
