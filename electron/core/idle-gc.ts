// A thread that takes in a burst and then goes quiet keeps the heap the burst grew to until V8's memory reducer
// acts, about 8 s after allocation slows down, and more full collections after that. The capture worker ends a
// burst of 100,000 calls with its old generation well past what is live (97-114 MB committed against 68 MB live),
// so `serve` read 404-423 MB three seconds after the last call. Collecting once the thread has been idle a moment
// brought that to 382-386 MB. Only after the heap grew by `growth` since the last look, so a steady trickle of
// calls (an agent's pauses between turns) does not pay a full collection for each pause; and never while traffic is
// in flight (`busy`), where its work on the shared helper threads and its unmapping could delay a stream.

import { exposedGc } from './exposed-gc';

const MB = 1024 * 1024;

export class IdleGc {
  private timer: NodeJS.Timeout | undefined;
  private floor = process.memoryUsage().heapUsed;
  /** Full collections this has run. */
  collections = 0;

  constructor(
    private readonly busy: () => boolean = () => false,
    private readonly idleMs = 700,
    private readonly growth = 24 * MB,
  ) {}

  /** Call on each piece of work: the check runs once `idleMs` pass with no further call. */
  activity(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), this.idleMs);
    this.timer.unref();
  }

  private check(): void {
    if (this.busy()) {
      this.activity();
      return;
    }
    const used = process.memoryUsage().heapUsed;
    if (used - this.floor <= this.growth) {
      this.floor = Math.min(this.floor, used);
      return;
    }
    exposedGc()();
    this.collections++;
    this.floor = process.memoryUsage().heapUsed;
  }
}
