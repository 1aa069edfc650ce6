// `serve`'s log is for the user: a client that resets its tunnel mid-connection is an everyday event, and must not
// print the dependency's stack traces there.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import tls from 'node:tls';
import { tempDataDir } from '../helpers/engine-harness';
import { startServeChild, type ServeChild } from './serve-child';

describe("serve's log", () => {
  let serve: ServeChild;
  beforeAll(async () => {
    serve = await startServeChild(tempDataDir(), []);
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('stays quiet when clients reset their tunnels', async () => {
    for (let i = 0; i < 5; i++) {
      const raw = net.connect(serve.proxyPort, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        raw.once('error', reject);
        raw.write('CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n');
        let head = '';
        const onData = (chunk: Buffer) => {
          head += chunk.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          raw.off('data', onData);
          resolve();
        };
        raw.on('data', onData);
      });
      const socket = tls.connect({ socket: raw, servername: 'api.openai.com', ca: serve.caPem });
      await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
      raw.resetAndDestroy();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(serve.stderr()).not.toMatch(/Socket error|Connection error|ECONNRESET|\n\s+at /);
  });
});
