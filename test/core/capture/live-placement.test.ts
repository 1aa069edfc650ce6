// Start-up replays the store into the live index in the store's order. One interaction out of that order (an id
// that sorts differently in SQLite than in JavaScript) must cost only its own exact replay, not the start of serve.

import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../shared/interaction';
import { createLivePlacement } from '../../../electron/core/capture/live-placement';
import { makeRecord } from '../store/store-factories';

function conversational(id: string, startedAt: number, text: string): InteractionRecord {
  const record = makeRecord(id, { startedAt, endedAt: startedAt + 10 });
  return {
    ...record,
    parsed: {
      ...record.parsed,
      request: { model: 'claude-test', messages: [{ role: 'user', parts: [{ type: 'text', text }] }], params: {}, stream: false, sessionHints: {} },
    },
  };
}

describe('createLivePlacement restore', () => {
  it('places a stored interaction that arrives out of start order instead of failing', () => {
    const placement = createLivePlacement();
    const later = conversational('b-later', 2_000, 'second question');
    const earlier = conversational('a-earlier', 1_000, 'first question');
    expect(() => placement.restore([later, earlier])).not.toThrow();
    placement.restored();
    expect(placement.placeRequest(earlier).placement).toMatchObject({ sessionId: 'a-earlier', kind: 'start' });
    expect(placement.placeRequest(later).placement).toMatchObject({ sessionId: 'b-later', kind: 'start' });
  });
});
