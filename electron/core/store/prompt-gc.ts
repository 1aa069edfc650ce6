// The database's thread makes big garbage that V8 is slow to collect, so it collects it itself.
//
// sql.js keeps the database file in one JS Uint8Array (emscripten's MEMFS) and grows it by copying it into an array
// 12.5% larger, so a 90 MB database left a dead 80 MB copy behind each time it grew (it now grows in place where it
// has room, see roomy-file.ts, but not in Electron or past the room); opening a snapshot leaves the snapshot's bytes
// behind the same way, and so does each export. V8 starts a full collection only once tens of MB of array buffers have
// piled up since its last one, so the thread held one or two dead copies of the database most of the time
// (arrayBuffers 150-260 MB next to a 93 MB file). Applying journal lines also makes short-lived JS objects, and
// enough of them outlive the small young generation that the old one grew to 60-80 MB between collections.
// Collecting as soon as either has grown by its slack bounds both. The live heap here is small (about 5 MB after a
// collection at 100,000 interactions), and a collection pauses only the database's thread, never the proxy's.

import { getHeapStatistics } from 'node:v8';
import { exposedGc } from '../exposed-gc';

const MB = 1024 * 1024;

export class PromptGc {
  private floor = usage();
  private scheduled = false;

  constructor(private readonly slack = { external: 32 * MB, heapUsed: 16 * MB }) {}

  /**
   * Call after work that may have left garbage behind. The check runs once the request that did it is done, so the
   * request's own references (the snapshot bytes it carried, the lines it applied) are garbage by then too.
   */
  checkSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Not after every request: a steady pace of small applies would pay a check each.
    setTimeout(() => {
      this.scheduled = false;
      this.check();
    }, CHECK_DELAY_MS).unref();
  }

  /** Collects when array buffers or the JS heap grew by more than their slack since the last collection. */
  check(): void {
    const now = usage();
    // Follows every drop: V8 frees collected buffers on a background thread, some time after the collection, and
    // bytes posted away (a snapshot export) are counted here until their new owner frees them.
    this.floor = { external: Math.min(this.floor.external, now.external), heapUsed: Math.min(this.floor.heapUsed, now.heapUsed) };
    const grown = now.external - this.floor.external > this.slack.external || now.heapUsed - this.floor.heapUsed > this.slack.heapUsed;
    if (!grown) return;
    exposedGc()();
    // Not read again now: the freeing has barely begun. The next checks see the drop.
    this.floor = now;
  }
}

const CHECK_DELAY_MS = 20;

/**
 * From V8's own counters: `process.memoryUsage()` also reads the process's RSS from /proc, ten times the cost, and
 * it was the database thread's costliest call. V8's external memory counts array buffers' bytes (and a little more).
 */
function usage(): { external: number; heapUsed: number } {
  const { external_memory, used_heap_size } = getHeapStatistics();
  return { external: external_memory, heapUsed: used_heap_size };
}
