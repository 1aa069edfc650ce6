// A conversation that goes on after `serve` restarted joins the session it started in: the restart replays what the
// store holds, a page at a time, into the index that places the next request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startEngine, type Engine } from '../../electron/core/engine';
import { silentLogger, type Logger } from '../../electron/core/logger';
import { openStore } from '../../electron/core/store';
import { exportedInteractions, tempDataDir } from '../helpers/engine-harness';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { makeRecord } from '../core/store/store-factories';

/** One chat through whichever engine is running: each call sends the history so far, then keeps the answer. */
function conversation(opening: string) {
  const history: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: opening }];
  return async (engine: Engine, question?: string) => {
    const client = new OpenAI({ apiKey: 'sk-proj-restartsessions000000000001', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    if (question) history.push({ role: 'user', content: question });
    const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
    history.push({ role: 'assistant', content: answer.choices[0].message.content });
  };
}

describe('sessions across a restart', () => {
  let upstream: FakeUpstream;
  const dataDir = tempDataDir();
  const start = (logger: Logger = silentLogger) =>
    startEngine({ dataDir, port: 0, uiPort: 0, map: [`api.openai.com=${upstream.url}`], upstreamCa: [upstream.pki.caPath], logger });

  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it('continues a conversation from before the restart, stored after more than two pages of other calls', async () => {
    const ask = conversation('Name a prime number.');

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

  it('takes traffic while a large store is still being read, and places what came meanwhile once it is', async () => {
    const ask = conversation('Name a colour.');
    let engine = await start();
    await ask(engine);
    await engine.stop();

    // Each page of the replay held back: three pages of stored calls take over 5 s to read, so it is logged.
    const said: string[] = [];
    const logger: Logger = { ...silentLogger, info: (message) => said.push(message) };
    process.env.THREADTAP_RESTORE_STALL_MS = '2000';
    try {
      engine = await start(logger);
    } finally {
      delete process.env.THREADTAP_RESTORE_STALL_MS;
    }
    try {
      expect(said.some((m) => m.startsWith('rebuilt sessions'))).toBe(false);
      let listed = false;
      const list = fetch(`${new URL(engine.uiUrl).origin}/api/sessions`, { headers: { authorization: `Bearer ${engine.token}` } }).then((res) => {
        listed = true;
        return res.json() as Promise<{ total: number }>;
      });
      await ask(engine, 'And a warmer one?');
      // The proxy answered while the session list was still being rebuilt, and the list waited for it.
      expect(listed).toBe(false);
      expect((await list).total).toBeGreaterThanOrEqual(2_101);
      expect(said.some((m) => /^rebuilt sessions from 2104 stored interactions in \d+ s$/.test(m))).toBe(true);

      const { doc } = await exportedInteractions(dataDir, 2_105);
      const session = doc.sessions.find((s) => s.interactions.some((i) => JSON.stringify(i.messages).includes('And a warmer one?')))!;
      expect(session.interactions.map((i) => i.kind)).toEqual(['start', 'turn']);
    } finally {
      await engine.stop();
    }
  }, 120_000);

  it('stops while a large store is still being read without waiting for the rest of it, and loses nothing', async () => {
    const said: string[] = [];
    const logger: Logger = { ...silentLogger, info: (message) => said.push(message) };
    process.env.THREADTAP_RESTORE_STALL_MS = '2000';
    let engine: Engine;
    try {
      engine = await start(logger);
    } finally {
      delete process.env.THREADTAP_RESTORE_STALL_MS;
    }
    await engine.stop();
    // The replay of three pages takes over 6 s; a stop that waited for it would have seen it end.
    expect(said.some((m) => m.startsWith('rebuilt sessions'))).toBe(false);
    expect((await exportedInteractions(dataDir, 2_105)).interactions).toHaveLength(2_105);
  }, 120_000);
});
