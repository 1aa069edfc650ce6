// Exchange ids sort by creation time (UUID version 7's layout), so the store's records b-tree, keyed by id, takes
// them in order and fills its pages.

import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../electron/core/capture/time-ordered-id';
import { openStore } from '../../../electron/core/store';
import { makeRecord, tempDataDir } from '../store/store-factories';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered exchange ids', () => {
  it('are version 7 UUIDs carrying their creation time, unique, and sorted by it', () => {
    const at = Date.parse('2026-11-25T12:00:00.123Z');
    const id = timeOrderedId(at);
    expect(id).toMatch(V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
    const ids = Array.from({ length: 5_000 }, (_, i) => timeOrderedId(at + i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((each) => V7.test(each))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // Many in one millisecond stay unique.
    expect(new Set(Array.from({ length: 5_000 }, () => timeOrderedId(at))).size).toBe(5_000);
  });

  it('make a smaller database than random ids for the same records', async () => {
    const sizeWith = async (idOf: (i: number) => string) => {
      const dataDir = tempDataDir();
      const store = await openStore({ dataDir, snapshotIntervalMs: 3_600_000 });
      for (let i = 0; i < 4_000; i++) {
        store.putInteraction(makeRecord(idOf(i)));
        if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await store.close();
      return statSync(join(dataDir, 'threadtap.db')).size;
    };
    const started = Date.parse('2026-11-25T12:00:00Z');
    const ordered = await sizeWith((i) => timeOrderedId(started + i * 3));
    const random = await sizeWith(() => randomUUID());
    expect(ordered).toBeLessThan(random * 0.97);
  }, 60_000);
});
