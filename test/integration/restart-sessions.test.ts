// A conversation that goes on after `serve` restarted joins the session it started in: the restart replays what the
// store holds, a page at a time, into the index that places the next request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startEngine, type Engine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { openStore } from '../../electron/core/store';
import { exportedInteractions, tempDataDir } from '../helpers/engine-harness';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { makeRecord } from '../core/store/store-factories';

describe('sessions across a restart', () => {
  let upstream: FakeUpstream;
  const dataDir = tempDataDir();
  const start = () =>
    startEngine({ dataDir, port: 0, uiPort: 0, map: [`api.openai.com=${upstream.url}`], upstreamCa: [upstream.pki.caPath], logger: silentLogger });

  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it('continues a conversation from before the restart, stored after more than two pages of other calls', async () => {
    const history: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Name a prime number.' }];
    const ask = async (engine: Engine, question?: string) => {
      const client = new OpenAI({ apiKey: 'sk-proj-restartsessions000000000001', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
      if (question) history.push({ role: 'user', content: question });
      const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
      history.push({ role: 'assistant', content: answer.choices[0].message.content });
    };

    // Calls stored before the conversation, so the restart reaches it only in its third page.
    const store = await openStore({ dataDir, snapshotIntervalMs: 600_000 });
    const before = Date.now() - 60_000;
    for (let n = 0; n < 2_100; n++) store.putInteraction(makeRecord(`filler-${String(n).padStart(4, '0')}`, { startedAt: before + n }));
    await store.close();

    let engine = await start();
    await ask(engine);
    await ask(engine, 'And another?');
    await engine.stop();

    engine = await start();
    try {
      await ask(engine, 'And a third?');
      const { doc } = await exportedInteractions(dataDir, 2_103);
      const session = doc.sessions.find((s) => s.interactions.some((i) => JSON.stringify(i.messages).includes('And a third?')))!;
      expect(session.interactions.map((i) => i.kind)).toEqual(['start', 'turn', 'turn']);
      expect(session.interactions[2].parentId).toBe(session.interactions[1].id);
    } finally {
      await engine.stop();
    }
  }, 120_000);
});
