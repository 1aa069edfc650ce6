// The refs listing exports select from: the same interactions, order and options as listInteractions, carrying
// only id, session, start time and link; also from a reader, and for records stored before placement existed.

import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../shared/interaction';
import type { ListOptions } from '../../../electron/core/store';
import { openStore, openStoreReader } from '../../../electron/core/store';
import { makeRecord, tempDataDir } from './store-factories';

const placed = (id: string, startedAt: number, placement?: InteractionRecord['placement']): InteractionRecord => {
  const { placement: _none, ...record } = makeRecord(id, { startedAt });
  return placement ? { ...record, placement } : record;
};

const RECORDS = [
  placed('turn-2', 30, { sessionId: 'main', parentId: 'turn-1', kind: 'turn' }),
  placed('side-1', 20, { sessionId: 'side', parentId: null, kind: 'side', link: { parentSessionId: 'main', relation: 'side', viaInteractionId: 'turn-1' } }),
  placed('turn-1', 10, { sessionId: 'main', parentId: null, kind: 'start' }),
  placed('unplaced', 20),
];

/** What a ref should say of each listed record. */
const expected = (records: InteractionRecord[]) =>
  records.map((r) => ({ id: r.id, sessionId: r.placement?.sessionId ?? null, startedAt: r.exchange.startedAt, ...(r.placement?.link ? { link: r.placement.link } : {}) }));

describe('listInteractionRefs', () => {
  it.each([{ worker: true }, { worker: false }])('matches listInteractions for every option (worker: $worker)', async ({ worker }) => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, worker });
    try {
      for (const r of RECORDS) store.putInteraction(r);
      for (const options of [undefined, { limit: 2 }, { since: 20 }, { since: 20, limit: 1 }] as (ListOptions | undefined)[]) {
        expect(await store.listInteractionRefs(options)).toEqual(expected(await store.listInteractions(options)));
      }
      expect((await store.listInteractionRefs()).map((r) => r.id)).toEqual(['turn-1', 'side-1', 'unplaced', 'turn-2']);
    } finally {
      await store.close();
    }
  });

  it('lists the same refs from a reader of the data dir', async () => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, worker: false });
    for (const r of RECORDS) store.putInteraction(r);
    await store.flush();
    const reader = await openStoreReader(dataDir);
    try {
      expect(await reader.listInteractionRefs()).toEqual(await store.listInteractionRefs());
      expect(await reader.listInteractionRefs()).toHaveLength(RECORDS.length);
    } finally {
      await reader.close();
      await store.close();
    }
  });
});
