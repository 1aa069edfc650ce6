// V8's helper threads (concurrent and parallel garbage collection, background compilation) serve every isolate in the
// process: most of their work is the capture worker's, since it allocates far more than the proxy's thread, yet they
// run at the proxy's priority, where the capture worker's own niceness cannot reach them. Measured per small call,
// they spent about 0.4–0.6 ms of CPU against a bare proxy's 0.2, competing with the proxy's thread on a busy machine.
//
// Linux sets priority per thread, so a headless process lowers every thread it has when the engine starts except the
// main one, which runs the proxy: V8's helpers, and libuv's pool if loading the code already made it (its work is
// mostly capture's: the intake journal's writes, decoding bodies; a DNS lookup for a new upstream connection waits
// only when both cores are busy). Threads the main thread makes later keep its priority; the capture worker lowers
// itself, and the store's worker, which it starts, follows. The desktop app does not call lowerHelperThreads:
// Electron's main process has Chromium's threads too, whose priorities Chromium manages.
//
// Niceness alone does not keep streamed events on time: see cpu-reservation.ts.

import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Where everything but the proxy's thread runs on Linux. */
export const BACKGROUND_NICENESS = 10;

/** Lowers every thread of this process but the calling main thread. */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tids) {
    const id = Number(tid);
    if (Number.isSafeInteger(id) && id !== process.pid) lower(id);
  }
}

/** Lowers the calling thread; threads it starts later inherit its priority. */
export function lowerThisThread(): void {
  // Elsewhere than on Linux this would lower the whole process, proxy included.
  if (process.platform === 'linux') lower(0);
}

function lower(tid: number): void {
  try {
    setPriority(tid, BACKGROUND_NICENESS);
  } catch {
    // Gone already, or not ours to change: it keeps the priority it has.
  }
}
