// The database's thread collects its own garbage once it grows past a slack (prompt-gc.ts): sql.js leaves a dead
// copy of the whole database file each time the file grows, and V8 left such garbage for tens of MB before it
// collected. Each test makes old-generation garbage of a known size and checks that one check frees it.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PromptGc } from '../../../electron/core/store/prompt-gc';

const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

/** A memory figure once V8's background freeing has caught up: the same reading five polls in a row. */
async function settled(read: () => number): Promise<number> {
  let last = read();
  for (let same = 0, polls = 0; same < 5 && polls < 200; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

// Made in plain functions, so that no suspended async frame keeps a reference to them.

/** A database file's worth of bytes that survives a full collection, as MEMFS's copy does until the next growth. */
function oldDeadBuffer(bytes: number): void {
  const file = [new Uint8Array(bytes).fill(1)];
  gc();
  file.pop();
}

/** About 100 bytes per object of objects that survive two young collections, landing in the old generation. */
function oldDeadObjects(count: number): void {
  const objects = Array.from({ length: count }, (_, n) => ({ n, s: `item ${n} `.repeat(4) }));
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  objects.length = 0;
}

const arrayBuffers = () => process.memoryUsage().arrayBuffers;
const heapUsed = () => process.memoryUsage().heapUsed;

describe('prompt garbage collection in the database thread', () => {
  it('collects dead array buffers once they grew by more than their slack', async () => {
    gc();
    const live = await settled(arrayBuffers);
    const promptGc = new PromptGc();
    oldDeadBuffer(48 * MB);
    expect(arrayBuffers() - live).toBeGreaterThan(40 * MB);
    promptGc.check();
    expect((await settled(arrayBuffers)) - live).toBeLessThan(8 * MB);
  });

  it('collects JS heap garbage once the heap grew by more than its slack', async () => {
    gc();
    const live = await settled(heapUsed);
    const promptGc = new PromptGc();
    oldDeadObjects(400_000);
    expect(heapUsed() - live).toBeGreaterThan(24 * MB);
    promptGc.check();
    expect((await settled(heapUsed)) - live).toBeLessThan(16 * MB);
  });
});
