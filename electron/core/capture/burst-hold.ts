// While exchanges start faster than any agent makes them (a load test, an eval script firing hundreds of calls), the
// capture worker holds what the proxy sends instead of capturing it at once, and catches up when the burst is over.
// Priority alone does not keep capture out of the way: on a 2-core machine, with the capture worker at nice 10,
// throughput at concurrency 8 was 0.57 of a bare http-mitm-proxy and the warm p50 1.47× its own, against 1.02 and
// 1.04 with the worker taking the same messages and doing nothing (scratch A/B, four rounds each). An agent's calls
// never come this fast (they wait seconds for each answer), so its timeline stays live; during a burst the timeline
// lags until the burst ends. The hold is bounded (`HoldLimits`): a burst that outgrows it is sustained load, not a
// burst, so capture catches up at once and holds nothing more until calls have paused for a second (`REARM_MS`);
// holding under sustained load would only make the held messages outlive the young generation and cost the worker
// more collection. The count bound takes in the rest of the backlog (`outside`: calls on their way to this thread, or
// not yet flushed), so when capture falls behind the hold gives way before the backlog gate has to close.

export interface HoldLimits {
  /** Finished exchanges held. */
  count: number;
  /** Bytes of bodies held. */
  bytes: number;
}

/** `traffic` keeps its place in line; `aside` is handled at once, ahead of what is held; `last` first has everything
 * held before it handled (a stop). */
export type MessageKind = 'traffic' | 'aside' | 'last';

export interface BurstHoldOptions<M> {
  kind(message: M): MessageKind;
  /** Whether a message starts a new exchange (what the rate counts). */
  starts(message: M): boolean;
  /** Whether a message completes an exchange (what `count` limits). */
  ends(message: M): boolean;
  /** Bytes a message holds on to. */
  bytes(message: M): number;
  /** Captures a message, in the order the proxy sent them. */
  handle(message: M): void;
  /** After each run of handled messages. */
  handled(): void;
  limits: HoldLimits;
  /** Finished exchanges behind capture that are not held here. */
  outside?(): number;
  /** A burst: `burst` exchanges started within `windowMs`. */
  burst?: number;
  windowMs?: number;
  /** After a burst outgrew the hold, how long no exchange may start before the next burst is held. */
  rearmMs?: number;
  /** How long one run of held messages may keep the worker's thread, so its API stays responsive while it catches up. */
  sliceMs?: number;
}

// 200 exchanges a second for 100 ms: far above agents, far below a load test (a warm call through the proxy takes
// about 1 ms).
const BURST = 20;
const WINDOW_MS = 100;
// Longer than the backlog gate holds traffic back: a pause that ends once the gate reopens is the same load, and
// holding again at once would fill the hold and close the gate again, cycle after cycle (sustained throughput through
// `serve` fell by a tenth that way).
const REARM_MS = 1_000;
const SLICE_MS = 20;

export class BurstHold<M> {
  private readonly starts: number[] = [];
  private held: M[] = [];
  private head = 0;
  private heldCount = 0;
  private heldBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private releasing = false;
  /** A burst outgrew the hold: capture takes everything as it comes until calls pause for `rearmMs`. */
  private yielding = false;
  private readonly burst: number;
  private readonly windowMs: number;
  private readonly rearmMs: number;
  private readonly sliceMs: number;

  constructor(private readonly options: BurstHoldOptions<M>) {
    this.burst = options.burst ?? BURST;
    this.windowMs = options.windowMs ?? WINDOW_MS;
    this.rearmMs = options.rearmMs ?? REARM_MS;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
  }

  /** Messages as they arrive from the proxy. */
  take(messages: readonly M[]): void {
    const now = performance.now();
    for (const message of messages) {
      const kind = this.options.kind(message);
      if (kind === 'last') {
        this.drain(Infinity);
        this.options.handle(message);
        continue;
      }
      if (this.options.starts(message)) {
        if (now - this.lastStart() > this.rearmMs) this.yielding = false;
        this.started(now);
      }
      const bursting = this.bursting(now);
      if (kind === 'aside' || (this.pending() === 0 && (this.yielding || !bursting))) {
        this.options.handle(message);
        continue;
      }
      this.push(message);
    }
    if (!this.yielding && this.pending() > 0 && this.overLimits()) this.yielding = true;
    // Caught up at once rather than in slices: what the proxy sends meanwhile then waits in the port's queue as bytes,
    // where a slow drain would take it in as objects that outlive the young generation (sustained throughput
    // through `serve` fell by a fifth with slices).
    if (this.yielding) this.drain(Infinity);
    else this.options.handled();
    this.schedule();
  }

  /** Finished exchanges held. */
  exchanges(): number {
    return this.heldCount;
  }

  /** Messages held and not yet captured. */
  pending(): number {
    return this.held.length - this.head;
  }

  private started(now: number): void {
    this.starts.push(now);
    if (this.starts.length > this.burst) this.starts.shift();
  }

  private lastStart(): number {
    return this.starts.at(-1) ?? -Infinity;
  }

  private overLimits(): boolean {
    const { limits, outside } = this.options;
    return this.heldCount + (outside?.() ?? 0) > limits.count || this.heldBytes > limits.bytes;
  }

  private bursting(now: number): boolean {
    return this.starts.length >= this.burst && now - this.starts[0] <= this.windowMs;
  }

  private push(message: M): void {
    this.held.push(message);
    if (this.options.ends(message)) this.heldCount++;
    this.heldBytes += this.options.bytes(message);
  }

  private handleNext(): void {
    const message = this.held[this.head];
    this.held[this.head++] = undefined as M;
    if (this.options.ends(message)) this.heldCount--;
    this.heldBytes -= this.options.bytes(message);
    if (this.head === this.held.length) {
      this.held = [];
      this.head = 0;
    }
    this.options.handle(message);
  }

  private drain(budgetMs: number): void {
    const until = performance.now() + budgetMs;
    while (this.pending() > 0 && performance.now() < until) this.handleNext();
    this.options.handled();
  }

  /** While messages are held, look again shortly: once the burst is over, capture them a slice at a time. */
  private schedule(): void {
    if (this.pending() === 0 || this.releasing || this.timer) return;
    const wait = Math.max(1, this.starts[0] + this.windowMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.bursting(performance.now())) return this.schedule();
      this.releasing = true;
      this.release();
    }, wait);
  }

  private release(): void {
    this.drain(this.sliceMs);
    if (this.pending() > 0 && !this.bursting(performance.now())) setImmediate(() => this.release());
    else {
      this.releasing = false;
      this.schedule();
    }
  }
}
