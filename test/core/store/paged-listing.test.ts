// A whole-store listing is read from the database a page at a time; what it returns must not show the seams.

import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../shared/interaction';
import { openStore } from '../../../electron/core/store';
import { makeRecord, tempDataDir } from './store-factories';
import { exposedGc } from '../../helpers/gc';

describe('listInteractions without a limit', () => {
  it('returns every interaction once, in start then id order, when many share a start time across page ends', async () => {
    const store = await openStore({ dataDir: tempDataDir(), snapshotIntervalMs: 600_000 });
    try {
      // 2,600 records over 7 start times: each page of 1,000 ends in the middle of a run of equal times.
      const ids = Array.from({ length: 2600 }, (_, n) => `r-${String((n * 7919) % 2600).padStart(4, '0')}`);
      for (const id of ids) store.putInteraction(makeRecord(id, { startedAt: 1_000 + (Number(id.slice(2)) % 7) }));
      const listed = (await store.listInteractions()).map((r) => [r.exchange.startedAt, r.id] as const);
      const sorted = [...listed].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      expect(listed).toHaveLength(2600);
      expect(new Set(listed.map(([, id]) => id)).size).toBe(2600);
      expect(listed).toEqual(sorted);
      expect((await store.listInteractions({ since: 1_005 })).map((r) => r.id)).toEqual(sorted.filter(([at]) => at >= 1_005).map(([, id]) => id));
    } finally {
      await store.close();
    }
  });
});

describe('forEachInteractionOutlinePage', () => {
  it('hands over the same order a page at a time, without bodies, waiting for each, and keeps no page once visited', async () => {
    const store = await openStore({ dataDir: tempDataDir(), snapshotIntervalMs: 600_000 });
    try {
      for (let n = 0; n < 2600; n++) store.putInteraction(makeRecord(`r-${String((n * 7919) % 2600).padStart(4, '0')}`, { startedAt: 1_000 + (n % 7) }));
      const full = await store.listInteractions();
      const expected = full.map((r) => r.id);
      const seen: string[] = [];
      let outline: InteractionRecord | undefined;
      const sizes: number[] = [];
      let firstPage: WeakRef<object> | undefined;
      let firstPageGone = false;
      const gc = exposedGc();
      await store.forEachInteractionOutlinePage(async (page) => {
        sizes.push(page.length);
        outline ??= page[0];
        if (sizes.length === 1) firstPage = new WeakRef(page[1]);
        if (sizes.length === 3) {
          gc();
          firstPageGone = firstPage!.deref() === undefined;
        }
        await new Promise((r) => setTimeout(r, 5));
        for (const record of page) seen.push(record.id);
      });
      expect(seen).toEqual(expected);
      expect(sizes).toEqual([1000, 1000, 600]);
      expect(firstPageGone).toBe(true);
      // Everything start-up reads (headers, times, state, the parse), but not the bodies it never looks at.
      const { requestBody, responseBody, ...rest } = full[0].exchange;
      expect(requestBody?.data).toContain('hello from');
      expect(responseBody).toBeDefined();
      expect(outline).toEqual({ ...full[0], exchange: rest });
    } finally {
      await store.close();
    }
  });
});
