// Malformed HTTP sent to the proxy over raw sockets: odd request lines, broken headers (CR/LF injection, bad
// content-length, bad chunking, huge values), random bodies, half-written requests. The proxy must never crash
// (an uncaught exception would fail this worker) and must keep serving a good request after every batch. Targets
// are loopback only: the fake upstream, our own ports and names that do not resolve.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import net from 'node:net';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import { rawRequest } from './raw-http';

let upstream: FakeUpstream;
let engine: Engine;
let proxyPort: number;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  proxyPort = Number(new URL(engine.proxyUrl).port);
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

const text = fc.string({ unit: 'binary', maxLength: 40 });
const authority = () => fc.constantFrom(`127.0.0.1:${upstream.port}`, `127.0.0.1:${proxyPort}`, 'localhost:1', 'no-such-host.invalid', '', '[::1', ':::', '127.0.0.1:99999', 'api.openai.com:443');
const requestLine = () =>
  fc.oneof(
    fc.tuple(fc.constantFrom('GET', 'POST', 'CONNECT', 'PUT', 'BREW', '', 'G\u0000T'), fc.oneof(authority().map((a) => `http://${a}/v1/chat/completions`), authority(), fc.constant('/openai/v1/chat/completions'), fc.constant('*'), text), fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '', 'http/1.1'))
      .map(([m, t, v]) => `${m} ${t} ${v}`),
    text,
  );
const headerLine = () =>
  fc.oneof(
    authority().map((a) => `Host: ${a}`),
    fc.constantFrom('Content-Length: -1', 'Content-Length: 99999999', 'Content-Length: 5, 6', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Content-Encoding: gzip', 'Content-Type: text/event-stream', 'Expect: 100-continue', 'Connection: Upgrade', 'Upgrade: websocket', 'Proxy-Connection: keep-alive', ': no-name', 'No-Colon', 'X-Injected: a\rb', 'Authorization: Bearer sk-fuzz'),
    fc.tuple(text, text).map(([n, v]) => `${n}: ${v}`),
    fc.integer({ min: 1, max: 64 }).map((k) => `X-Big: ${'a'.repeat(k * 1024)}`),
  );
const rawRequestBytes = () =>
  fc.tuple(requestLine(), fc.array(headerLine(), { maxLength: 8 }), fc.uint8Array({ maxLength: 512 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
    .map(([line, headers, body, eol, complete]) => {
      const head = [line, ...headers].join(eol) + (complete ? eol + eol : eol);
      return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]);
    });

async function goodRequestWorks(): Promise<boolean> {
  const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'still alive' }] });
  const response = await rawRequest(proxyPort, `POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${proxyPort}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, 3000);
  return response.status === 200;
}

/** Writes the bytes, then either waits briefly or drops the connection mid-way, as a broken client would. */
async function sendAndForget(bytes: Buffer, abruptly: boolean): Promise<void> {
  const socket = net.connect(proxyPort, '127.0.0.1');
  await new Promise<void>((resolve) => {
    // Resets are expected here; a second error after the first must not go unhandled either.
    socket.on('error', () => resolve());
    socket.once('connect', () => {
      socket.write(bytes);
      if (abruptly) socket.resetAndDestroy();
      setTimeout(() => (socket.destroy(), resolve()), abruptly ? 0 : 60);
    });
  });
}

describe('the proxy under malformed input', () => {
  it('never crashes and keeps serving after random malformed requests', async () => {
    expect(await goodRequestWorks()).toBe(true);
    let batch = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(rawRequestBytes(), fc.boolean()), { minLength: 1, maxLength: 10 }), async (requests) => {
        await Promise.all(requests.map(([bytes, abruptly]) => sendAndForget(bytes, abruptly)));
        if (++batch % 10 === 0) expect(await goodRequestWorks()).toBe(true);
      }),
      { numRuns: 120 },
    );
    expect(await goodRequestWorks()).toBe(true);
  }, 120_000);

  it('survives CONNECT to an intercepted host followed by garbage instead of a TLS handshake', async () => {
    for (let i = 0; i < 20; i++) {
      const noise = Buffer.from(Array.from({ length: 200 }, () => Math.floor(Math.random() * 256)));
      await sendAndForget(Buffer.concat([Buffer.from('CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n'), noise]), i % 2 === 0);
    }
    expect(await goodRequestWorks()).toBe(true);
  });
});
