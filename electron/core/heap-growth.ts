// A `serve` process keeps its session index and catalog for its whole life, so its heaps hold a lot that lives long
// beside a steady stream of per-call garbage. V8's default lets an old generation grow up to about four times what
// survived the last full collection before collecting again; with a capture worker holding 100+ MB of live state
// that reservation alone cost hundreds of MB of RSS. A fixed, smaller growth step trades a few more full
// collections (marked mostly on V8's shared helper threads) for that memory; A/B capture benches showed no change.

import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

let applied = false;

/** Process-wide and read at every collection, so it also reaches isolates (workers) created before or after. */
export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
