// Where the capture core runs: by default in a worker thread beside the proxy, below its priority, or on the proxy's
// own thread. Both must capture the same way; a core that cannot start must fail the engine's start with its own
// error; a core far behind holds new requests back rather than losing them or growing without end; a burst of calls
// is held and captured after it, every call, in order.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { ThreadtapError } from '../../electron/core/errors';
import type { Engine } from '../../electron/core/engine';
import type { SessionDetail, SessionListResponse, SetupInfo } from '../../shared/api-contract';
import { exportedInteractions, runCli, startTestEngine, tempDataDir } from '../helpers/engine-harness';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { threadNiceness } from '../helpers/threads';

describe('the capture core thread', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
  });

  for (const captureThread of ['worker', 'main'] as const) {
    it(`captures a streamed call and its live events with the core on the ${captureThread} thread`, async () => {
      const engine = await startTestEngine(upstream, { captureThread });
      const events: string[] = [];
      const off = engine.subscribe((event) => events.push(event.type));
      try {
        const client = new OpenAI({ apiKey: 'sk-proj-capturethread000000000001', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
        const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `Hello from the ${captureThread} thread` }] });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
        expect(text.length).toBeGreaterThan(0);
        const { interactions } = await exportedInteractions(engine.dataDir, 1);
        expect(interactions).toHaveLength(1);
        expect(interactions[0].status).toBe('complete');
        expect(JSON.stringify(interactions[0].messages)).toContain(`Hello from the ${captureThread} thread`);
        await expect.poll(() => events).toContain('interaction-completed');
        expect(events).toContain('interaction-started');
        expect(events).toContain('interaction-progress');
      } finally {
        off();
        await engine.stop();
      }
    });
  }

  it('refuses a second writer of a data dir, in this process and in another, and frees it on stop', async () => {
    const dataDir = tempDataDir();
    const first = await startTestEngine(upstream, { dataDir });
    try {
      const second = startTestEngine(upstream, { dataDir });
      await expect(second).rejects.toBeInstanceOf(ThreadtapError);
      await expect(second).rejects.toMatchObject({ code: 'store-failed' });
      const other = await runCli(['serve', '--port', '0', '--data-dir', dataDir]);
      expect(other.code).not.toBe(0);
      expect(other.stderr).toMatch(/another Threadtap process \(pid \d+\) is writing this data dir/);
    } finally {
      await first.stop();
    }
    const again = await startTestEngine(upstream, { dataDir });
    await again.stop();
  });

  it.runIf(process.platform === 'linux')('runs capture and its store below the proxy thread\'s priority', async () => {
    const before = threadNiceness();
    const engine = await startTestEngine(upstream);
    try {
      const started = [...threadNiceness()].filter(([tid]) => !before.has(tid));
      // The capture worker and the store's worker it starts; this thread, the proxy's, keeps its priority.
      expect(started.filter(([, nice]) => nice === 10).length).toBeGreaterThanOrEqual(2);
      expect(threadNiceness().get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await engine.stop();
    }
  });

  it('holds new requests while capture is too far behind, then captures every one', async () => {
    const warnings: string[] = [];
    // The worker reads its environment when it starts: every batch it takes is held 300 ms.
    process.env.THREADTAP_CAPTURE_STALL_MS = '300';
    const engine = await startTestEngine(upstream, {
      captureBacklog: { count: 2 },
      logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} },
    }).finally(() => delete process.env.THREADTAP_CAPTURE_STALL_MS);
    try {
      const client = new OpenAI({ apiKey: 'sk-proj-capturethread000000000002', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
      const calls = Array.from({ length: 8 }, (_, i) =>
        client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `held call ${i}` }] }),
      );
      const answers = await Promise.all(calls);
      expect(answers.every((a) => a.choices.length > 0)).toBe(true);
      expect(warnings.some((w) => /capture is \d+ exchanges behind; new requests wait/.test(w))).toBe(true);
      const { interactions } = await exportedInteractions(engine.dataDir, 8, 30_000);
      const texts = interactions.map((i) => JSON.stringify(i.messages)).join('\n');
      for (let i = 0; i < 8; i++) expect(texts).toContain(`held call ${i}`);
    } finally {
      await engine.stop();
    }
  }, 60_000);

  it('holds a burst of calls, says how many wait, and captures every one after it in order', async () => {
    const engine = await startTestEngine(upstream);
    const api = async <T>(path: string) =>
      (await (await fetch(new URL(path, engine.uiUrl), { headers: { authorization: `Bearer ${engine.token}` } })).json()) as T;
    try {
      const client = new OpenAI({ apiKey: 'sk-proj-capturethread000000000003', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
      // Sixteen clients calling as fast as they can: a load test, not an agent.
      let loading = true;
      let sent = 0;
      const load = Promise.all(
        Array.from({ length: 16 }, async () => {
          while (loading) {
            const n = sent++;
            await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `load call ${n}` }] });
          }
        }),
      );
      // A conversation goes on inside the burst: its turns must still be placed one after another.
      const conversation = await converse(client, ['Burst question one', 'Burst question two', 'Burst question three']);
      const behind = await until(async () => ((await api<SetupInfo>('/api/setup')).captureBehind > 0 ? true : undefined));
      loading = false;
      await load;
      expect(behind).toBe(true);
      await expect.poll(async () => (await api<SetupInfo>('/api/setup')).captureBehind, { timeout: 30_000 }).toBe(0);

      const { interactions } = await exportedInteractions(engine.dataDir, sent + 3, 30_000);
      const texts = new Set(interactions.map((i) => JSON.stringify(i.messages)));
      const stored = [...texts].join('\n');
      for (let n = 0; n < sent; n++) expect(stored).toContain(`load call ${n}"`);
      const list = await api<SessionListResponse>('/api/sessions?q=Burst%20question%20one');
      expect(list.sessions).toHaveLength(1);
      const session = await api<SessionDetail>(`/api/sessions/${list.sessions[0].id}`);
      expect(session.turns.map((turn) => JSON.stringify(turn.newMessages))).toEqual([
        expect.stringContaining('Burst question one'),
        expect.stringContaining('Burst question two'),
        expect.stringContaining('Burst question three'),
      ]);
      expect(conversation).toHaveLength(3);
    } finally {
      await engine.stop();
    }
  }, 90_000);

  it('stores everything it held when it stops during a burst', async () => {
    const engine: Engine = await startTestEngine(upstream);
    const client = new OpenAI({ apiKey: 'sk-proj-capturethread000000000004', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    try {
      await Promise.all(
        Array.from({ length: 120 }, (_, n) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `stopping call ${n}` }] })),
      );
    } finally {
      await engine.stop();
    }
    // Read from the store the stop closed, without another start (which would recover from the intake journal).
    const { interactions } = await exportedInteractions(engine.dataDir, 120, 1_000);
    expect(interactions).toHaveLength(120);
  }, 60_000);
});

async function converse(client: OpenAI, questions: string[]): Promise<string[]> {
  const messages: OpenAI.ChatCompletionMessageParam[] = [];
  const answers: string[] = [];
  for (const question of questions) {
    messages.push({ role: 'user', content: question });
    const answer = await client.chat.completions.create({ model: 'gpt-4o', messages });
    messages.push(answer.choices[0].message);
    answers.push(answer.choices[0].message.content ?? '');
  }
  return answers;
}

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
