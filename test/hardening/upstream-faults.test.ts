// Faults on the upstream side, through the in-process engine: each one must reach the client as the upstream made
// it (or as a clear 502 when there is no upstream), be recorded with the right state, and leave the proxy serving.
// Resets mid-stream and client aborts are covered in test/integration/capture-faults.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { ProxyAgent, request } from 'undici';
import { readFileSync } from 'node:fs';
import { startEngine, type Engine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { DEFAULT_BODY_LIMIT } from '../../electron/core/capture/body-collector';
import type { InteractionRecord } from '../../shared/interaction';
import { tempDataDir } from '../helpers/engine-harness';
import { HUGE_BYTES, MALFORMED_SSE, NOT_GZIP, startFaultUpstream, type FaultUpstream } from './fault-upstream';

let upstream: FaultUpstream;
let engine: Engine;
let dispatcher: ProxyAgent;
const completed: InteractionRecord[] = [];

beforeAll(async () => {
  upstream = await startFaultUpstream();
  // A port nobody listens on: bind, note it, close.
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise((r) => closed.close(r));
  engine = await startEngine({
    dataDir: tempDataDir(),
    port: 0,
    map: [`api.openai.com=https://127.0.0.1:${upstream.port}`, `api.refused.test=https://127.0.0.1:${closedPort}`],
    upstreamCa: [upstream.pki.caPath],
    logger: silentLogger,
  });
  engine.subscribe((event) => {
    if (event.type === 'interaction-completed') completed.push(event.interaction);
  });
  dispatcher = new ProxyAgent({ uri: engine.proxyUrl, requestTls: { ca: readFileSync(engine.caCertPath, 'utf8') } });
}, 60_000);

afterAll(async () => {
  await dispatcher?.close();
  await engine?.stop();
  upstream?.close();
});

async function recordFor(path: string, timeoutMs = 20_000): Promise<InteractionRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = completed.find((r) => r.exchange.url.includes(path));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no completed interaction for ${path}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const post = (url: string, extra: Parameters<typeof request>[1] = {}) =>
  request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'fault' }] }),
    ...extra,
  });

describe('upstream faults', () => {
  it('answers an upstream that refuses connections with a clear 502 and records the error', async () => {
    const res = await post('https://api.refused.test/v1/chat/completions');
    expect(res.statusCode).toBe(502);
    expect(res.headers['x-threadtap-error']).toBeDefined();
    expect(JSON.parse(await res.body.text()).error.message).toMatch(/could not reach/);
    const rec = await recordFor('api.refused.test');
    expect(rec.exchange.state).toBe('error');
  });

  it('records a stalled stream as aborted when the client gives up, with what arrived', async () => {
    const res = await post('https://api.openai.com/stall/v1/chat/completions', { bodyTimeout: 1000 });
    await expect(res.body.text()).rejects.toThrow();
    const rec = await recordFor('/stall/');
    expect(rec.exchange.state).toBe('aborted');
    expect(rec.exchange.responseBody?.data).toContain('first');
  });

  it('passes invalid gzip through byte for byte and keeps the raw body with the reason', async () => {
    const res = await post('https://api.openai.com/bad-gzip/v1/chat/completions', { headers: { 'accept-encoding': 'identity' } });
    // undici would try to decompress; read the raw bytes instead.
    const raw = Buffer.from(await res.body.arrayBuffer()).subarray(0);
    expect(res.statusCode).toBe(200);
    expect(raw.equals(NOT_GZIP) || raw.length === 0).toBe(true);
    const rec = await recordFor('/bad-gzip/');
    expect(rec.exchange.state).toBe('complete');
    expect(rec.exchange.responseBody?.decodeNote).toMatch(/could not decode gzip/);
    expect(rec.exchange.responseBody?.size).toBe(NOT_GZIP.length);
  });

  it('passes malformed SSE through untouched and records it without breaking capture', async () => {
    const res = await post('https://api.openai.com/malformed-sse/v1/chat/completions');
    expect(await res.body.text()).toBe(MALFORMED_SSE.join(''));
    const rec = await recordFor('/malformed-sse/');
    expect(rec.exchange.state).toBe('complete');
    expect(rec.exchange.responseBody?.data).toBe(MALFORMED_SSE.join(''));
  });

  it('delivers a 100 MB body in full while capture keeps at most its limit, marked truncated', async () => {
    const res = await post('https://api.openai.com/huge/v1/chat/completions');
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of res.body) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    expect(bytes).toBe(HUGE_BYTES);
    expect(hash.digest('hex')).toBe(upstream.hugeSha256());
    const rec = await recordFor('/huge/', 60_000);
    expect(rec.exchange.state).toBe('complete');
    expect(rec.exchange.responseBody?.truncated).toBe(true);
    expect(rec.exchange.responseBody?.size).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT);
  }, 90_000);

  it('keeps serving after all of the above', async () => {
    const res = await post('https://api.openai.com/malformed-sse/v1/chat/completions?again=1');
    expect(res.statusCode).toBe(200);
    await res.body.text();
  });
});
