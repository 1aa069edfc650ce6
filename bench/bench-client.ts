// Load generation over undici: one dispatcher per target (direct, or through a proxy), keep-alive on all of them.

import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';

export interface Target {
  name: string;
  dispatcher: Dispatcher;
  /** Base URL the requests go to (the proxies resolve *.bench.test to the upstream themselves). */
  base: string;
}

export function directTarget(port: number, ca: string): Target {
  return { name: 'direct', dispatcher: new Agent({ connect: { ca }, keepAliveTimeout: 60_000 }), base: `https://127.0.0.1:${port}` };
}

export function proxiedTarget(name: string, proxyUrl: string, ca: string, host = 'api.bench.test'): Target {
  // Generous connect timeouts: a slow peer at concurrency 64 should be measured as slow, not fail the run.
  const dispatcher = new ProxyAgent({ uri: proxyUrl, requestTls: { ca, timeout: 60_000 }, proxyTls: { timeout: 60_000 }, connectTimeout: 60_000, keepAliveTimeout: 60_000 } as ConstructorParameters<typeof ProxyAgent>[0]);
  return { name, dispatcher, base: `https://${host}` };
}

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the capital of France?' }] });

export async function timedRequest(target: Target, query = '', base = target.base, body = BODY): Promise<number> {
  const started = performance.now();
  const res = await request(`${base}/v1/chat/completions${query}`, {
    method: 'POST',
    dispatcher: target.dispatcher,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key-0000' },
    body,
  });
  await res.body.arrayBuffer();
  if (res.statusCode !== 200) throw new Error(`${target.name}: status ${res.statusCode}`);
  return performance.now() - started;
}

export interface StreamTiming {
  firstEventMs: number;
  /** Arrival minus the upstream's write time, per event. */
  delaysMs: number[];
}

/** A small chat body made unique by `n`, so a volume run stores distinct interactions. */
export function uniqueBody(n: number, stream = false): string {
  return JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: `Question ${n}: what is ${n} + 1?` }] });
}

export async function timedStream(target: Target, events: number, gapMs: number, body = JSON.stringify({ ...JSON.parse(BODY), stream: true })): Promise<StreamTiming> {
  const started = performance.now();
  const res = await request(`${target.base}/v1/chat/completions?events=${events}&gap=${gapMs}`, {
    method: 'POST',
    dispatcher: target.dispatcher,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key-0000' },
    body,
  });
  let buffer = '';
  let firstEventMs = NaN;
  const delaysMs: number[] = [];
  for await (const chunk of res.body) {
    const now = performance.timeOrigin + performance.now();
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!line.startsWith('data: {')) continue;
      if (Number.isNaN(firstEventMs)) firstEventMs = performance.now() - started;
      delaysMs.push(now - (JSON.parse(line.slice(6)) as { sentAt: number }).sentAt);
    }
  }
  return { firstEventMs, delaysMs };
}

export async function runConcurrent(target: Target, total: number, concurrency: number): Promise<number> {
  if (total <= 0) return NaN;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await timedRequest(target);
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
