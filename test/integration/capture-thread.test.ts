// Where the capture core runs: by default in a worker thread beside the proxy, or on the proxy's own thread. Both
// must capture the same way; a core that cannot start must fail the engine's start with its own error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { ThreadtapError } from '../../electron/core/errors';
import { exportedInteractions, runCli, startTestEngine, tempDataDir } from '../helpers/engine-harness';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';

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
});
