// Decides when the database is exported to the snapshot file, and does it in the one order that never leaves a
// record in neither place: finish the journal segment, export (in the worker), write the snapshot atomically, and
// only then delete the segments it covers. A failed attempt changes nothing on disk but an orphan temp file.

import type { Logger } from '../logger';
import type { DbHost } from './db-host';
import type { JournalWriter } from './journal-writer';
import { listSegments, writeSnapshotAtomically, type StorePaths } from './store-files';
import type { StoreFs } from './store-fs';

export interface SnapshotStats {
  at: number;
  seq: number;
  bytes: number;
  /** Time sql.js spent exporting, in the thread that owns the database. */
  exportMs: number;
  /** Time from export to a durable rename, on the async file API. */
  writeMs: number;
}

export interface SnapshotSchedulerOptions {
  fs: StoreFs;
  paths: StorePaths;
  host: DbHost;
  journal: JournalWriter;
  intervalMs: number;
  /** Take the first snapshot even if nothing new is put (leftover journal segments to fold in). */
  dirty: boolean;
  /** Posts queued puts to the database so the export contains them. */
  beforeExport: () => void;
  /** Folder, lock, and setting an unreadable file aside: all must succeed before the snapshot is replaced. */
  beforeWrite: () => Promise<void>;
  onResult: (error: Error | undefined) => void;
  logger: Logger;
}

export class SnapshotScheduler {
  last: SnapshotStats | undefined;
  private snapshotSeq: number;
  private running: Promise<SnapshotStats | undefined> | undefined;
  private readonly timer: NodeJS.Timeout;
  private poked = false;
  private failedBefore = false;

  constructor(private readonly options: SnapshotSchedulerOptions) {
    this.snapshotSeq = options.dirty ? -1 : options.journal.lastSeq;
    this.timer = setInterval(() => void this.run().catch(() => undefined), options.intervalMs);
    // Snapshots are housekeeping; the journal already made every put durable.
    this.timer.unref();
  }

  /** Asks for a snapshot soon (the journal grew large, or the disk works again). */
  poke(): void {
    if (this.poked) return;
    this.poked = true;
    setImmediate(() => {
      this.poked = false;
      void this.run().catch(() => undefined);
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs one snapshot after any in progress; resolves undefined when nothing changed since the last one. */
  run(): Promise<SnapshotStats | undefined> {
    const previous = this.running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.snapshot());
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = undefined;
    }).catch(() => undefined);
    return next;
  }

  private async snapshot(): Promise<SnapshotStats | undefined> {
    const { journal, host, fs, paths } = this.options;
    if (journal.lastSeq <= this.snapshotSeq) return undefined;
    const finishedSegment = journal.rotate();
    this.options.beforeExport();
    try {
      const exported = await host.call('export', {});
      const started = performance.now();
      const bytes = exported.bytes.length;
      try {
        await this.options.beforeWrite();
        await writeSnapshotAtomically(fs, paths, exported.bytes);
      } finally {
        release(exported.bytes);
      }
      const stats: SnapshotStats = {
        at: Date.now(),
        seq: exported.seq,
        bytes,
        exportMs: exported.exportMs,
        writeMs: performance.now() - started,
      };
      this.snapshotSeq = exported.seq;
      journal.coveredThrough(exported.seq);
      await journal.deleteThrough(finishedSegment, await listSegments(fs, paths));
      this.last = stats;
      if (this.failedBefore) this.options.logger.info('snapshots are being written again');
      this.failedBefore = false;
      this.options.onResult(undefined);
      return stats;
    } catch (error) {
      if (!this.failedBefore) this.options.logger.warn(`cannot write the database snapshot: ${(error as Error).message}`);
      this.failedBefore = true;
      this.options.onResult(error as Error);
      throw error;
    }
  }
}

/**
 * Frees a whole database's worth of bytes at the next young collection instead of the next full one. The bytes
 * arrive from the worker and live through the file writes, long enough for V8 to move the array that holds them to
 * the old generation, where they waited for a full collection: a quiet store still held the copy of a 34 MB
 * database 16 s after writing it. Moving the memory to a fresh array, which nothing keeps, leaves it to the young
 * collection.
 */
function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) structuredClone(buffer, { transfer: [buffer] });
}
