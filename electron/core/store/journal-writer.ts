// Appends journal lines in the background: puts only queue a line, a batch goes to disk a few milliseconds later
// in a few writes plus one fdatasync (async I/O on libuv's pool, so the event loop never waits on the disk). A failed
// write keeps its lines queued and is retried with backoff, so a full or read-only disk loses nothing while memory
// lasts. Lines are written in sequence order, so "durable up to seq N" is one number.

import type { Logger } from '../logger';
import { segmentPath, type StorePaths } from './store-files';
import { errorCode, type StoreFile, type StoreFs } from './store-fs';

export interface JournalWriterOptions {
  fs: StoreFs;
  paths: StorePaths;
  /** The segment to start in: always a new file, so a torn tail of an older one is never appended to. */
  firstSegment: number;
  /** The last sequence number already durable (in the snapshot or older segments). */
  durableSeq: number;
  batchMs: number;
  /** Runs before a segment file is opened: create the folder, take the writer lock. */
  prepare: () => Promise<void>;
  /** Called with the error after a failed write, and with undefined after the first success that follows. */
  onWriteResult: (error: Error | undefined) => void;
  logger: Logger;
}

interface PendingLine {
  seq: number;
  segment: number;
  line: string;
}

const MAX_RETRY_MS = 2_000;

/**
 * A write's text becomes a buffer of its UTF-8 bytes (up to 3 per character). A batch after a stall was several
 * MB, and freeing a buffer past 128 KB, its own mapping, raises glibc's mmap and trim thresholds to its size for
 * good (see roomy-file.ts); pieces this small stay under that.
 */
const WRITE_PIECE_CHARS = 32 * 1024;

/** `text` in slices of at most `max` UTF-16 units, never splitting a surrogate pair (it would be written as U+FFFD). */
export function* textPieces(text: string, max: number): Generator<string> {
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    const unit = text.charCodeAt(end - 1);
    // A high surrogate at the end goes with its pair: into the next piece, or into this one when it is all there is.
    if (unit >= 0xd800 && unit <= 0xdbff) end += end - 1 > start ? -1 : 1;
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}

export class JournalWriter {
  private pending: PendingLine[] = [];
  private segment: number;
  private durableSeq: number;
  private lastQueuedSeq: number;
  private readonly handles = new Map<number, StoreFile>();
  /** Segments whose last write failed part-way: the next write starts with a newline so a torn fragment stays on its own line. */
  private readonly torn = new Set<number>();
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private retryMs = 0;
  private failing = false;
  private reportedSuccess = false;
  private closed = false;
  /** Bytes appended since the last rotation: lets the store snapshot early when the journal grows fast. */
  bytesSinceRotate = 0;

  constructor(private readonly options: JournalWriterOptions) {
    this.segment = options.firstSegment;
    this.durableSeq = options.durableSeq;
    this.lastQueuedSeq = options.durableSeq;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The last sequence number appended, durable or not. */
  get lastSeq(): number {
    return this.lastQueuedSeq;
  }

  append(seq: number, line: string): void {
    this.pending.push({ seq, segment: this.segment, line });
    this.lastQueuedSeq = seq;
    this.bytesSinceRotate += line.length;
    this.schedule(this.options.batchMs);
  }

  /** Starts a new segment for later lines and returns the one just finished. */
  rotate(): number {
    this.bytesSinceRotate = 0;
    return this.segment++;
  }

  /** A snapshot now holds everything up to `seq`: queued lines up to there need not be written any more. */
  coveredThrough(seq: number): void {
    this.pending = this.pending.filter((p) => p.seq > seq);
    // A snapshot just reached the same folder, so the disk works again; with nothing left to write, no journal
    // write would ever come along to clear the failure, so clear it here.
    if (this.failing && this.pending.length === 0) {
      this.failing = false;
      this.retryMs = 0;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.options.onWriteResult(undefined);
    }
    this.markDurable(seq);
  }

  /** Resolves once every line appended so far is durable (written and synced, or in a snapshot). */
  flush(): Promise<void> {
    const seq = this.lastQueuedSeq;
    if (seq <= this.durableSeq) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    if (!this.failing) this.schedule(0);
    return done;
  }

  /** Deletes finished segments up to `segment` once their contents are in a durable snapshot. */
  async deleteThrough(segment: number, existing: number[]): Promise<void> {
    await this.draining;
    for (const [n, handle] of this.handles) {
      if (n > segment) continue;
      this.handles.delete(n);
      await handle.close().catch(() => undefined);
    }
    for (const n of existing) {
      if (n > segment) continue;
      await this.options.fs.unlink(segmentPath(this.options.paths, n)).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.draining;
    for (const handle of this.handles.values()) await handle.close().catch(() => undefined);
    this.handles.clear();
  }

  /** One last attempt to write what is queued (used at close); returns how many lines are still unwritten. */
  async drainOnce(): Promise<number> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.draining;
    if (this.pending.length > 0) await this.startDrain();
    return this.pending.length;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.draining) return;
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.startDrain();
    }, delayMs);
  }

  private startDrain(): Promise<void> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // Lines queued while writing, or a flush() that came in meanwhile.
      if (this.pending.length > 0 && !this.failing) this.schedule(this.options.batchMs);
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice();
      try {
        await this.write(batch);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      const last = batch[batch.length - 1].seq;
      this.pending = this.pending.filter((p) => p.seq > last);
      this.markDurable(last);
      // The first success is always reported: the store may have found the folder unwritable before any write.
      if (this.failing || !this.reportedSuccess) {
        this.failing = false;
        this.retryMs = 0;
        this.reportedSuccess = true;
        this.options.onWriteResult(undefined);
      }
    }
  }

  private async write(batch: PendingLine[]): Promise<void> {
    let start = 0;
    while (start < batch.length) {
      const segment = batch[start].segment;
      let end = start;
      while (end < batch.length && batch[end].segment === segment) end++;
      const file = await this.handle(segment);
      const text = (this.torn.has(segment) ? '\n' : '') + batch.slice(start, end).map((p) => p.line).join('');
      this.torn.add(segment);
      for (const piece of textPieces(text, WRITE_PIECE_CHARS)) await file.writeAll(piece);
      await file.datasync();
      this.torn.delete(segment);
      if (segment < this.segment) {
        // A finished segment gets no more lines.
        this.handles.delete(segment);
        await file.close();
      }
      start = end;
    }
  }

  private async handle(segment: number): Promise<StoreFile> {
    const open = this.handles.get(segment);
    if (open) return open;
    await this.options.prepare();
    const file = await this.options.fs.open(segmentPath(this.options.paths, segment), 'a');
    this.handles.set(segment, file);
    return file;
  }

  private fail(error: Error): void {
    // The handle may be unusable (a removed folder, a revoked mount): reopen on retry.
    for (const [n, handle] of this.handles) {
      this.handles.delete(n);
      void handle.close().catch(() => undefined);
    }
    if (!this.failing) this.options.logger.warn(`cannot write the capture journal: ${error.message}; retrying`);
    this.failing = true;
    this.options.onWriteResult(error);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs === 0 ? 50 : this.retryMs * 2);
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.startDrain();
    }, this.retryMs);
    this.timer.unref();
  }

  private markDurable(seq: number): void {
    if (seq > this.durableSeq) this.durableSeq = seq;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].seq <= this.durableSeq) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }
}
