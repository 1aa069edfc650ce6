import { describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/message-fingerprint';
import { openStore } from '../../../electron/core/store';
import { claudeCodeSession, openAiChatSession } from './agent-session-factory';
import { tempDataDir } from './store-factories';

describe('turn content read from the store', () => {
  it('gives each turn its messages from an index on and its outputs, as the full record has them', async () => {
    const store = await openStore({ dataDir: tempDataDir(), snapshotIntervalMs: 600_000 });
    try {
      const records = [...claudeCodeSession({ seed: 3, turns: 6, idPrefix: 'tc', size: 0.2 })];
      for (const r of records) store.putInteraction(r);
      // Every other turn names its history's length, so only the list nodes holding the wanted messages are read.
      const wanted = records.map((r, i) => ({ id: r.id, from: i, ...(i % 2 ? { total: r.parsed.request?.messages.length ?? 0 } : {}) }));
      const contents = await store.turnContents([...wanted, { id: 'no-such-id', from: 0 }]);
      expect(contents).toHaveLength(records.length + 1);
      records.forEach((r, i) => {
        expect(contents[i]).toEqual({ messages: (r.parsed.request?.messages ?? []).slice(i), outputs: r.parsed.response?.outputs ?? [] });
      });
      expect(contents[records.length]).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('finds the first turn of each group whose new messages or outputs hold a text, in any case', async () => {
    const store = await openStore({ dataDir: tempDataDir(), snapshotIntervalMs: 600_000 });
    try {
      const first = [...openAiChatSession({ seed: 5, turns: 4, idPrefix: 'a' })];
      const second = [...openAiChatSession({ seed: 6, turns: 4, idPrefix: 'b' })];
      for (const r of [...first, ...second]) store.putInteraction(r);
      // A text only the third turn's answer holds.
      const outputs = second[2].parsed.response!.outputs;
      const text = messageText(outputs[outputs.length - 1]);
      const needle = text.slice(0, 40).toUpperCase();
      const groups = [first, second].map((session) => session.map((r) => ({ id: r.id, from: r.parsed.request?.messages.length ?? 0 })));
      const hits = await store.searchTurns(groups, needle);
      expect(hits[0]).toBeNull();
      expect(hits[1]?.id).toBe(second[2].id);
      expect(hits[1]?.text.toUpperCase()).toContain(needle);
    } finally {
      await store.close();
    }
  });
});
