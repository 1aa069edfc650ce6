// The pattern of mitmproxy's CVE-2025-23217: a client of the proxy must not reach Threadtap's own API through it.
// Every spelling of "this machine" that the resolver accepts is tried, in every request shape a proxy sees. The
// marker is the API's authenticated health answer: only the UI server says `"store"`, so seeing it means the
// proxy forwarded to its own API.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import { connectThrough, exchangeOn, rawRequest, tlsOver, type RawResponse } from './raw-http';

let upstream: FakeUpstream;
let engine: Engine;
let proxyPort: number;
let uiPort: number;
let caPem: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  proxyPort = Number(new URL(engine.proxyUrl).port);
  uiPort = Number(new URL(engine.uiUrl).port);
  caPem = readFileSync(engine.caCertPath, 'utf8');
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

// Names and numbers that all mean loopback or "this host" to getaddrinfo or to the socket layer.
const SPELLINGS = ['127.0.0.1', 'localhost', 'LocalHost', '0.0.0.0', '0', '127.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '[::1]', '[::ffff:127.0.0.1]'];

const healthRequest = (requestTarget: string, host: string) =>
  `GET ${requestTarget} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${engine.token}\r\nConnection: close\r\n\r\n`;

function expectNotReached(response: RawResponse) {
  expect(response.text).not.toContain('"store"');
  expect(response.status).not.toBe(200);
}

describe('the proxy never forwards to its own ports', () => {
  it.each(SPELLINGS)('refuses an absolute-form request to the API at %s', async (host) => {
    // The Host header names the API plainly, so only the request target decides where the proxy connects.
    const response = await rawRequest(proxyPort, healthRequest(`http://${host}:${uiPort}/api/health`, `127.0.0.1:${uiPort}`));
    expectNotReached(response);
  });

  it.each(SPELLINGS)('refuses an origin-form request whose Host header names the API at %s', async (host) => {
    const response = await rawRequest(proxyPort, healthRequest('/api/health', `${host}:${uiPort}`));
    expectNotReached(response);
  });

  it.each(SPELLINGS)('refuses to open a tunnel to the API at %s', async (host) => {
    const result = await connectThrough(proxyPort, `${host}:${uiPort}`);
    if ('refused' in result) return expect(result.refused.status).not.toBe(200);
    // A tunnel was opened: whatever it leads to must not be our API.
    expectNotReached(await exchangeOn(result.socket, healthRequest('/api/health', `127.0.0.1:${uiPort}`)));
  });

  it.each(SPELLINGS)('refuses a decrypted request whose inner Host names the API at %s', async (host) => {
    const result = await connectThrough(proxyPort, 'api.openai.com:443');
    if ('refused' in result) throw new Error(`CONNECT to an intercepted host was refused: ${result.refused.text}`);
    const secure = await tlsOver(result.socket, 'api.openai.com', caPem);
    const response = await exchangeOn(secure, healthRequest('/api/health', `${host}:${uiPort}`));
    expectNotReached(response);
  });

  it.each(SPELLINGS)('answers a request addressed to its own proxy port at %s without looping', async (host) => {
    const response = await rawRequest(proxyPort, `GET http://${host}:${proxyPort}/no-such-route HTTP/1.1\r\nHost: ${host}:${proxyPort}\r\nConnection: close\r\n\r\n`, 4000);
    // One hop at most: a refusal or "no such route", never a chain of the proxy forwarding to itself.
    expect([400, 403, 404, 502]).toContain(response.status);
    expect(response.text.match(/HTTP\/1\.1/g)?.length ?? 0).toBe(1);
  });

  it('still serves base-URL routes on its own port', async () => {
    const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'base url still works' }] });
    const response = await rawRequest(
      proxyPort,
      `POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${proxyPort}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(response.status).toBe(200);
  });
});
