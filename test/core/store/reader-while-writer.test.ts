import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStoreReader } from '../../../electron/core/store';
import { startStoreChild, type StoreChild } from './child-process';
import { tempDataDir } from './store-factories';

const children: StoreChild[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill9()));
});

describe('a reader in another process while a writer captures', () => {
  it('always sees a gap-free prefix of what was written, across snapshots and journal trims', async () => {
    const dataDir = tempDataDir();
    const total = 1_500;
    // The writer snapshots every 40 ms, so segments are rotated and deleted while the reader reads.
    const writer = startStoreChild(['stream', dataDir, String(total)]);
    children.push(writer);
    const { pid } = await writer.waitFor((m) => m.ready === true);

    let reads = 0;
    let finished = false;
    void writer.waitFor((m) => m.done === total).then(() => (finished = true), () => undefined);
    const seen: number[] = [];
    // Keep reading until the writer is done, then once more.
    for (let last = false; !last; ) {
      last = finished;
      const reader = await openStoreReader(dataDir);
      const ids = (await reader.listInteractions()).map((r) => r.id);
      await reader.close();
      reads++;
      // Puts are journaled in order, so any durable state is i-0 … i-(k-1) with nothing missing in between.
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `i-${i}`));
      seen.push(ids.length);
    }
    expect(seen[seen.length - 1]).toBe(total);
    expect(reads).toBeGreaterThan(1);
    // The reader never took the writer's lock.
    expect(readFileSync(join(dataDir, 'threadtap.db.lock'), 'utf8').trim()).toBe(String(pid));
    console.log(`reader-while-writer: ${reads} reads saw ${seen.join(' → ')} interactions`);
  });
});
