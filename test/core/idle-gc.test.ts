// The capture worker collects its heap once a burst is over, instead of holding what the burst grew to until V8's
// memory reducer gets to it.

import { describe, expect, it } from 'vitest';
import { IdleGc } from '../../electron/core/idle-gc';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** About `mb` MB of objects that live long enough to reach the old generation, then become garbage. */
async function oldGarbage(mb: number): Promise<void> {
  // About 45 bytes an object with its slot in the array.
  let kept: object[][] | undefined = Array.from({ length: mb * 16 }, (_, i) => Array.from({ length: 1456 }, (_, j) => ({ i, j })));
  // Young collections in between promote them; only a full collection can free them now.
  for (let i = 0; i < 4; i++) {
    void Array.from({ length: 20_000 }, (_, j) => ({ j }));
    await sleep(5);
  }
  expect(kept.length).toBe(mb * 16);
  kept = undefined;
}

describe('collecting when idle', () => {
  it('collects once work stops and no traffic is in flight after the heap grew, and frees what the burst left', async () => {
    let inFlight = true;
    const idle = new IdleGc(() => inFlight, 100, 16 * MB);
    await oldGarbage(64);
    const before = process.memoryUsage().heapUsed;
    idle.activity();
    await sleep(50);
    idle.activity();
    await sleep(60);
    // Each call put the check off.
    expect(idle.collections).toBe(0);
    await sleep(200);
    // Quiet, but traffic is still in flight.
    expect(idle.collections).toBe(0);
    inFlight = false;
    await sleep(200);
    expect(idle.collections).toBe(1);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(32 * MB);
  });

  it('does not collect after work that left the heap about where it was', async () => {
    const idle = new IdleGc(() => false, 50, 16 * MB);
    for (let round = 0; round < 3; round++) {
      idle.activity();
      await sleep(120);
    }
    expect(idle.collections).toBe(0);
  });
});
