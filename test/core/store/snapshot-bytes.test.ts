// The snapshot read at open is the whole database. It moves to the database worker rather than being copied, so
// this side holds no second copy of the database (before, a closure also kept the copy for the life of the store).

import { describe, expect, it } from 'vitest';
import { nodeStoreFs, openStore, type StoreFs } from '../../../electron/core/store';
import { makeRecord, tempDataDir, watchedFs } from './store-factories';

describe('opening a store', () => {
  it('hands the snapshot bytes to the database worker instead of copying them', async () => {
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir });
    for (let i = 0; i < 20; i++) first.putInteraction(makeRecord(`r-${i}`));
    await first.close();

    const read: Uint8Array[] = [];
    const fs: StoreFs = {
      ...nodeStoreFs,
      readFile: async (path) => {
        const bytes = await nodeStoreFs.readFile(path);
        if (path.endsWith('threadtap.db')) read.push(bytes);
        return bytes;
      },
    };
    const store = await openStore({ dataDir, fs });
    try {
      expect((await store.listInteractionRefs()).length).toBe(20);
      expect(read).toHaveLength(1);
      // Detached by the transfer: nothing of the database is left on this side.
      expect(read.map((bytes) => bytes.byteLength)).toEqual(read.map(() => 0));
    } finally {
      await store.close();
    }
  });

  it('lets go of the exported bytes once the snapshot is written', async () => {
    const written: Uint8Array[] = [];
    const fs = watchedFs((path, data) => {
      if (path.includes('.db.tmp') && data instanceof Uint8Array) written.push(data);
    });
    const store = await openStore({ dataDir: tempDataDir(), fs, snapshotIntervalMs: 600_000 });
    try {
      for (let i = 0; i < 20; i++) store.putInteraction(makeRecord(`r-${i}`));
      const stats = await store.snapshot();
      expect(stats?.bytes).toBeGreaterThan(0);
      expect(written).toHaveLength(1);
      // Moved out of the array that carried them, so nothing waits for a full collection to free them.
      expect(written[0].byteLength).toBe(0);
    } finally {
      await store.close();
    }
  });
});
