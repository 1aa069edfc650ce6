import { describe, expect, it } from 'vitest';
import type { HistoryMark } from '../../../shared/turn-delta';
import { TurnColumns } from '../../../electron/core/api/turn-columns';
import type { TurnMeta } from '../../../electron/core/api/turn-view';

const ids = ['first', 'second', 'third'];
const idOf = (slot: number) => ids[slot];

function metaOf(overrides: Partial<TurnMeta>): TurnMeta {
  return {
    id: 'second', sessionId: 'first', parentId: 'first', kind: 'turn', method: 'POST', url: 'https://api.example.test/v1/messages',
    state: 'complete', status: 200, error: undefined, startedAt: 1_760_000_000_000, headersAt: 1_760_000_000_300,
    firstByteAt: 1_760_000_000_310, endedAt: 1_760_000_000_320, provider: 'anthropic', api: 'anthropic-messages', endpoint: 'messages',
    model: 'claude-x', client: undefined, newFrom: 2, requestMessageCount: 3, toolCount: 0, usage: { inputTokens: 5 },
    cost: { usd: 0.25, source: 'table' }, stopReason: undefined, rawStopReason: undefined, responseError: undefined, notes: [],
    ...overrides,
  } as TurnMeta;
}

describe('turn columns', () => {
  it('gives back times that do not fit an offset from the start', () => {
    const columns = new TurnColumns();
    const meta = metaOf({ startedAt: 1_760_000_000_000.5, headersAt: 1_760_000_000_300.25, firstByteAt: 1_760_000_000_000 + 2 ** 40, endedAt: undefined });
    columns.put(1, meta, { length: 4, tailFingerprint: '', requestLength: 3, requestTailFingerprint: '' }, 1, 0, 0);
    expect(columns.meta(1, idOf)).toEqual(meta);
    expect(columns.endedAt(1)).toBeUndefined();
  });

  it('gives back a history mark whose fingerprints are digests, empty, or anything else', () => {
    const columns = new TurnColumns();
    const marks: HistoryMark[] = [
      { length: 4, tailFingerprint: 'AAECAwQFBgcICQoL', requestLength: 3, requestTailFingerprint: 'zz_-09azAZ_-xyzw' },
      { length: 1, tailFingerprint: '', requestLength: 0, requestTailFingerprint: '' },
      { length: 2, tailFingerprint: 'user:a whole message text', requestLength: 1, requestTailFingerprint: 'AAECAwQFBgcICQoL' },
    ];
    marks.forEach((mark, slot) => columns.put(slot, metaOf({ requestMessageCount: mark.requestLength }), mark, mark.length - mark.requestLength, 0, undefined));
    marks.forEach((mark, slot) => expect(columns.mark(slot)).toEqual(mark));
    // Replaced by a turn whose fingerprints are kept otherwise, none of the old ones shows through.
    columns.put(2, metaOf({ requestMessageCount: 3 }), marks[0], 1, 0, undefined);
    expect(columns.mark(2)).toEqual(marks[0]);
  });
});
