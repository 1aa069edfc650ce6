// Load: 200 concurrent streaming calls of 200 events each, with small random gaps, through a real `serve` process.
// Every client must get every byte in order, every interaction must be stored complete with its full text, nothing
// may stay in flight, and the process's memory must come back near where it started (judged generously: V8 keeps
// some heap it grew, so the bound is "no per-call leftovers", not "exactly the same").

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ProxyAgent, request } from 'undici';
import { createTestPki, type TestPki } from '../helpers/test-pki';
import { exportedInteractions, tempDataDir } from '../helpers/engine-harness';
import { startServeChild, type ServeChild } from './serve-child';

const CALLS = 200;
const EVENTS = 200;

/** The exact bytes of call `n`'s stream: both the upstream and the checks use this. */
function events(n: number): string[] {
  const out = Array.from({ length: EVENTS }, (_, i) =>
    `data: ${JSON.stringify({ id: `chatcmpl-load-${n}`, object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: `c${n}e${i} ` } }] })}\n\n`);
  out.push(`data: ${JSON.stringify({ id: `chatcmpl-load-${n}`, object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`, 'data: [DONE]\n\n');
  return out;
}
const expectedText = (n: number) => Array.from({ length: EVENTS }, (_, i) => `c${n}e${i} `).join('');

let pki: TestPki;
let upstream: https.Server;
let serve: ServeChild;
let dataDir: string;

beforeAll(async () => {
  pki = createTestPki();
  upstream = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', async () => {
      const n = Number(/load call (\d+)/.exec(body)?.[1] ?? -1);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of events(n)) {
        if (res.destroyed) return;
        res.write(event);
        // Small random gaps: sometimes none (events coalesce into one chunk), sometimes a few ms.
        const gap = Math.random() < 0.5 ? 0 : Math.floor(Math.random() * 4);
        if (gap) await new Promise((r) => setTimeout(r, gap));
      }
      res.end();
    });
  });
  // Under CPU contention a few calls came back 502, likely a pooled upstream socket reused as the upstream closed
  // it (keep-alive race; open finding in issue 6). A long upstream keep-alive keeps this test about load.
  upstream.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  dataDir = tempDataDir();
  const port = (upstream.address() as AddressInfo).port;
  serve = await startServeChild(dataDir, ['--map', `api.openai.com=https://127.0.0.1:${port}`, '--upstream-ca', pki.caPath]);
});

afterAll(async () => {
  await serve?.stop();
  upstream?.closeAllConnections();
  upstream?.close();
});

async function call(dispatcher: ProxyAgent, n: number): Promise<string> {
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-load-test-0000000000' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: `load call ${n}` }] }),
  });
  expect(res.statusCode).toBe(200);
  return res.body.text();
}

describe('load', () => {
  it(`holds ${CALLS} concurrent streams of ${EVENTS} events: every byte in order, every interaction stored, memory does not grow per burst`, async () => {
    const dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem }, connections: CALLS });
    // Warm-up, so the baseline includes JIT, TLS contexts and pools.
    for (let i = 0; i < 10; i++) expect(await call(dispatcher, 100_000 + i)).toBe(events(100_000 + i).join(''));
    await new Promise((r) => setTimeout(r, 1000));
    const baselineMb = serve.rssMb();

    const bodies = await Promise.all(Array.from({ length: CALLS }, (_, n) => call(dispatcher, n)));
    bodies.forEach((body, n) => expect(body === events(n).join('') ? 'exact' : `call ${n} differs`).toBe('exact'));
    const peakMb = serve.rssMb();

    const { interactions } = await exportedInteractions(dataDir, CALLS + 10, 60_000);
    const byCall = new Map(interactions.map((i) => [Number(/load call (\d+)/.exec(JSON.stringify(i.messages))?.[1]), i]));
    for (let n = 0; n < CALLS; n++) {
      const stored = byCall.get(n);
      expect(stored?.status, `call ${n}`).toBe('complete');
      expect(JSON.stringify(stored?.output), `call ${n}`).toContain(expectedText(n));
    }
    const health = await serve.api<{ setup?: { inFlight?: number } } & Record<string, unknown>>('/api/setup');
    expect((health as { inFlight?: number }).inFlight ?? 0).toBe(0);

    await new Promise((r) => setTimeout(r, 2000));
    const afterFirstMb = serve.rssMb();
    // A second identical burst: V8 keeps the heap it grew for the first, so a leak shows as the same growth again,
    // while the store's share (it keeps every interaction in memory) is a fraction of it.
    const again = await Promise.all(Array.from({ length: CALLS }, (_, n) => call(dispatcher, CALLS + n)));
    again.forEach((body, n) => expect(body === events(CALLS + n).join('') ? 'exact' : `call ${CALLS + n} differs`).toBe('exact'));
    await dispatcher.close();
    await exportedInteractions(dataDir, 2 * CALLS + 10, 60_000);
    await new Promise((r) => setTimeout(r, 2000));
    const afterSecondMb = serve.rssMb();
    console.info(`load: RSS baseline ${baselineMb.toFixed(0)} MB, peak in burst 1 ${peakMb.toFixed(0)} MB, settled ${afterFirstMb.toFixed(0)} MB, after burst 2 ${afterSecondMb.toFixed(0)} MB`);
    expect(afterFirstMb - baselineMb).toBeLessThan(250);
    // Generous on purpose: the store keeps every completed interaction in memory (~0.3–0.5 MB per call here, see the
    // bench's volume figures and issue 6), so the bound only catches whole streams held twice or in-flight leftovers.
    expect(afterSecondMb - afterFirstMb).toBeLessThan(200);
  }, 120_000);
});
