// Bounds how far capture may fall behind the proxy. The capture worker runs below the proxy's priority, so a burst
// of traffic is captured after it; under load that never lets up, the backlog would grow without end. Past the
// limit, new requests wait until capture has caught up to three quarters of it: the agents slow down a little rather
// than Threadtap running out of memory or dropping what it saw.
//
// The limits bound memory that outlives the backlog. Each exchange waiting for capture is held as malloc'd messages on
// the threads between the proxy and the store, and glibc keeps what a thread's arena once held: once a few large
// buffers were freed it raises its own trim threshold to 64 MB, so an arena gives back nothing below that. With
// 5,000 the 100,000-call bench peaked at 650–735 MB; with 2,000 at about 590–620. Lower limits close the gate during
// the bench's bursts on a 2-core machine, where capture runs behind the proxy by design.

import type { Logger } from '../logger';

export interface BacklogLimits {
  /** Finished exchanges not yet in the store. */
  count: number;
  /** Their size in the intake journal, in bytes. */
  bytes: number;
}

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = { count: 2_000, bytes: 32 * 1024 * 1024 };

const WARN_EVERY_MS = 60_000;
// Not at the limit itself, or the gate would close and open on every exchange stored.
export const REOPEN_AT = 0.75;

export interface BacklogGate {
  /** Undefined when a request may go ahead now; otherwise resolves when it may. */
  admit(): Promise<void> | undefined;
  /** The backlog shrank: reopens once it is down to three quarters of the limits. */
  changed(): void;
  /** Lets everything through, for good or until the limit is reached again. */
  open(): void;
}

export function createBacklogGate(
  measure: () => { count: number; bytes: number },
  limits: Partial<BacklogLimits> = {},
  logger?: Logger,
): BacklogGate {
  const max = { ...DEFAULT_BACKLOG_LIMITS, ...limits };
  let closed: { promise: Promise<void>; resolve: () => void } | undefined;
  // Under load that never lets up the gate closes and opens again every few seconds; once a minute is news enough.
  let warnedAt = -Infinity;
  const open = () => {
    closed?.resolve();
    closed = undefined;
  };
  return {
    admit() {
      if (closed) return closed.promise;
      const now = measure();
      if (now.count < max.count && now.bytes < max.bytes) return undefined;
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      closed = { promise, resolve };
      if (performance.now() - warnedAt >= WARN_EVERY_MS) {
        warnedAt = performance.now();
        logger?.warn(`capture is ${now.count} exchanges behind; new requests wait until it catches up`);
      }
      return promise;
    },
    changed() {
      if (!closed) return;
      const now = measure();
      if (now.count <= max.count * REOPEN_AT && now.bytes <= max.bytes * REOPEN_AT) open();
    },
    open,
  };
}
