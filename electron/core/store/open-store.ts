// The writer: the durable CaptureStore that `serve` uses. Write path: a put becomes one journal line (queued for a
// batched, fsync'd append) and the same line is posted to the database worker. Every `snapshotIntervalMs` the
// worker exports the database, the snapshot replaces the old one atomically, and only then are the journal segments
// it covers deleted, so every record is always in the snapshot, a journal file, or both.

import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import { ThreadtapError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { CaptureStore, ListOptions, StoreHealth } from './capture-store';
import { createInProcessHost, createWorkerHost, type DbHost } from './db-host';
import type { OpenRequest } from './db-service';
import { encodeEntry, type JournalEntry } from './journal-entry';
import { JournalWriter } from './journal-writer';
import { KnownContent } from './known-content';
import { packExchange, packInteraction } from './record-pack';
import { SnapshotScheduler, type SnapshotStats } from './snapshot-scheduler';
import { listSegments, moveAside, readSegments, readSnapshot, removeStaleTemps, storePaths } from './store-files';
import { errorCode, nodeStoreFs, type StoreFs } from './store-fs';
import { acquireWriteLock, LockHeldError, releaseWriteLock } from './write-lock';

/**
 * Journal lines per message to the database worker, in characters. A worker frees the buffer a message was
 * serialized into once it has read it, and a buffer past 128 KB is its own mapping, whose release raises glibc's
 * mmap and trim thresholds to its size for good (see roomy-file.ts): a catch-up after a stall sent 20 MB at once
 * and left every malloc arena of the process keeping tens of MB it no longer used.
 */
const APPLY_MESSAGE_CHARS = 48 * 1024;
const APPLY_DELAY_MS = 10;

export interface OpenStoreOptions {
  dataDir: string;
  fileName?: string;
  /** How often the database is exported to the snapshot file when something changed. Default 30 s. */
  snapshotIntervalMs?: number;
  /** Journal bytes after which a snapshot is taken early. Default 32 MiB. */
  snapshotJournalBytes?: number;
  /** How long puts are gathered before one journal write. Default 2 ms. */
  journalBatchMs?: number;
  logger?: Logger;
  /** File operations; tests inject failures here. */
  fs?: StoreFs;
  /** Run sql.js in a worker thread (default) or in this thread. */
  worker?: boolean;
  /**
   * Where the database worker's entry file is, for bundled builds (electron-vite emits it as `db-worker.js` next to
   * the main bundle, where `import.meta.url` of this module no longer points at the store's folder).
   */
  workerUrl?: URL | string;
  /** Migrations after the built-in ones, as SQL; for tests of the migration mechanism. */
  extraMigrations?: OpenRequest['extraMigrations'];
}

export interface StoreStats {
  host: DbHost['kind'];
  schemaVersion: number;
  lastSeq: number;
  /** Journal lines queued but not yet on disk. */
  pendingJournalLines: number;
  replayedAtOpen: number;
  lastSnapshot?: SnapshotStats;
}

export interface WritableStore extends CaptureStore {
  getExchange(id: string): Promise<Exchange | undefined>;
  /** Exports and writes a snapshot now (if anything changed), then trims the journal. */
  snapshot(): Promise<SnapshotStats | undefined>;
  stats(): StoreStats;
}

export async function openStore(options: OpenStoreOptions): Promise<WritableStore> {
  const logger = options.logger ?? silentLogger;
  const fs = options.fs ?? nodeStoreFs;
  const paths = storePaths(options.dataDir, options.fileName);
  const state = {
    journalError: undefined as Error | undefined,
    snapshotError: undefined as Error | undefined,
    workerError: undefined as Error | undefined,
    lockHeld: false,
  };

  // Folder and lock come first and again before any later write, so a data dir that is read-only now can start
  // taking writes once it is fixed. Only a lock held by a live writer is fatal.
  const prepare = async () => {
    if (state.lockHeld) return;
    await fs.mkdir(paths.dir);
    await acquireWriteLock(fs, paths.lock);
    state.lockHeld = true;
  };
  try {
    await prepare();
    await removeStaleTemps(fs, paths);
  } catch (error) {
    if (error instanceof LockHeldError) throw new ThreadtapError('store-failed', error.message, { cause: error });
    state.journalError = error as Error;
    logger.warn(`the data dir ${paths.dir} is not writable (${(error as Error).message}); capturing to memory until it is`);
  }

  // The worker starts (loading sql.js takes a few hundred ms) while the files are read.
  let host = options.worker === false ? undefined : createWorkerHost(options.workerUrl, (error) => {
    // Puts still reach the journal, so nothing is lost; reads fail until the next start replays it.
    state.workerError = error;
    logger.error(`the database worker failed: ${error.message}`);
  });
  if (!host) {
    if (options.worker !== false) logger.warn('the database worker is not available; running the database in-process');
    host = createInProcessHost();
  }
  const segments = await listSegments(fs, paths);
  const journals = await readSegments(fs, paths, segments);
  const snapshotRead = await readSnapshot(fs, paths);
  // Only the reason outlives the open: the closures below must not keep the snapshot's bytes (the whole database).
  const unreadable = snapshotRead.kind === 'unreadable' ? snapshotRead.reason : undefined;
  const snapshot = snapshotRead.kind === 'read' ? snapshotRead.bytes : null;
  const dbHost = host;
  const opened = await dbHost
    .call('open', { snapshot, journals, extraMigrations: options.extraMigrations }, snapshot ? ownedBuffer(snapshot) : undefined)
    .catch(async (error: Error) => {
      await dbHost.terminate();
      if (state.lockHeld) await releaseWriteLock(fs, paths.lock);
      throw new ThreadtapError('store-failed', `cannot open the capture database: ${error.message}`, { cause: error });
    });
  for (const warning of opened.warnings) logger.warn(warning);

  // An unreadable snapshot is renamed aside, never overwritten. If the rename fails now (read-only dir), the
  // scheduler retries it before it would write a snapshot over the file.
  let recoveredFrom: string | undefined;
  let mustMoveAside = opened.corrupt !== undefined || unreadable !== undefined;
  const setAside = async () => {
    if (!mustMoveAside) return;
    recoveredFrom = await moveAside(fs, paths);
    mustMoveAside = false;
    logger.warn(`the database file was unreadable (${opened.corrupt ?? unreadable}); moved it to ${recoveredFrom}`);
  };
  await setAside().catch((error: Error) => logger.warn(`cannot move the unreadable database file aside yet: ${error.message}`));

  const journal = new JournalWriter({
    fs,
    paths,
    firstSegment: (segments[segments.length - 1] ?? 0) + 1,
    durableSeq: opened.lastSeq,
    batchMs: options.journalBatchMs ?? 2,
    prepare,
    onWriteResult: (error) => {
      const recovered = !error && state.journalError !== undefined;
      state.journalError = error;
      // The disk works again: write the snapshot we may have missed.
      if (recovered) scheduler.poke();
    },
    logger,
  });

  const journalBytesLimit = options.snapshotJournalBytes ?? 32 * 1024 * 1024;
  let nextSeq = opened.lastSeq + 1;
  let applyQueue: string[] = [];
  let applyQueueChars = 0;
  let applyTimer: NodeJS.Timeout | undefined;
  // Lines reach the worker in batches, at most APPLY_DELAY_MS after the first; a read posts the batch first, so it
  // sees every earlier put. (Posting once per tick cost a message per exchange at a steady pace of single calls.)
  const postApplies = () => {
    clearTimeout(applyTimer);
    applyTimer = undefined;
    if (applyQueue.length === 0) return;
    const lines = applyQueue;
    applyQueue = [];
    applyQueueChars = 0;
    dbHost.call('apply', { lines }).then(
      (result) => result.warnings.forEach((w) => logger.warn(w)),
      (error: Error) => logger.error(`the database could not apply ${lines.length} record(s): ${error.message}`),
    );
  };
  let closed = false;
  // A fresh set per open: only what this process journaled is left out of later lines, so every line refers to
  // content in an earlier line of the same journal or in the snapshot that folded that line in.
  const known = new KnownContent();
  const put = (pack: () => { entry: Omit<JournalEntry, 's'>; newKeys: string[] }) => {
    if (closed) {
      logger.warn(`a record was put after the store closed; dropped`);
      return;
    }
    let line: string;
    let newKeys: string[];
    const seq = nextSeq;
    try {
      const packed = pack();
      newKeys = packed.newKeys;
      line = encodeEntry({ ...packed.entry, s: seq } as JournalEntry);
    } catch (error) {
      logger.warn(`a record could not be serialized: ${(error as Error).message}`);
      return;
    }
    nextSeq++;
    known.addAll(newKeys);
    journal.append(seq, line);
    if (journal.bytesSinceRotate > journalBytesLimit) scheduler.poke();
    applyQueue.push(line);
    applyQueueChars += line.length;
    if (applyQueueChars > APPLY_MESSAGE_CHARS) postApplies();
    else applyTimer ??= setTimeout(postApplies, APPLY_DELAY_MS);
  };

  const scheduler = new SnapshotScheduler({
    fs,
    paths,
    host: dbHost,
    journal,
    intervalMs: options.snapshotIntervalMs ?? 30_000,
    // Leftover segments (or a file to set aside) make the first snapshot due even with no new puts.
    dirty: segments.length > 0 || mustMoveAside,
    beforeExport: postApplies,
    beforeWrite: async () => {
      await prepare();
      await setAside();
    },
    onResult: (error) => {
      state.snapshotError = error;
    },
    logger,
  });

  const read = <T>(call: () => Promise<T>): Promise<T> => {
    postApplies();
    return call();
  };

  return {
    putExchange: (exchange) =>
      put(() => {
        const { value, content, newKeys } = packExchange(exchange, known.has);
        return { entry: { k: 'px', v: value, ...content }, newKeys };
      }),
    putInteraction: (record) =>
      put(() => {
        const { value, content, newKeys } = packInteraction(record, known.has);
        return { entry: { k: 'pi', v: value, ...content }, newKeys };
      }),
    getInteraction: (id) => read(() => dbHost.call('getInteraction', { id })),
    listInteractions: (listOptions?: ListOptions) =>
      read(() => (listOptions?.limit === undefined ? allInPages(dbHost, listOptions?.since) : dbHost.call('listInteractions', listOptions))),
    forEachInteractionOutlinePage: (visit) => read(() => inPages(dbHost, { outline: true }, visit)),
    listInteractionRefs: (listOptions?: ListOptions) => read(() => dbHost.call('listInteractionRefs', listOptions ?? {})),
    getExchange: (id) => read(() => dbHost.call('getExchange', { id })),
    turnContents: (items) => read(() => dbHost.call('turnContents', { items })),
    searchTurns: (groups, text) => read(() => dbHost.call('searchTurns', { groups, text })),
    health(): StoreHealth {
      // Captures are durable once journaled, so only the journal decides `writable`; a snapshot that failed while
      // the journal works is worth a warning, not an alarm.
      const health: StoreHealth = { writable: state.journalError === undefined };
      if (state.journalError) {
        health.warning = `capture is not reaching the disk: ${describe(state.journalError)} (${journal.pendingCount} record(s) held in memory)`;
      } else if (state.snapshotError) {
        health.warning = `the database snapshot could not be written (${describe(state.snapshotError)}); captures are safe in the journal`;
      } else if (state.workerError) { health.warning = `the database stopped (${state.workerError.message}); captures are journaled and appear after a restart`;
      }
      if (recoveredFrom) health.recoveredFrom = recoveredFrom;
      return health;
    },
    flush() {
      postApplies();
      return journal.flush();
    },
    snapshot: () => scheduler.run(),
    stats: () => ({
      host: dbHost.kind,
      schemaVersion: opened.schemaVersion,
      lastSeq: nextSeq - 1,
      pendingJournalLines: journal.pendingCount,
      replayedAtOpen: opened.replayed,
      lastSnapshot: scheduler.last,
    }),
    async close() {
      if (closed) return;
      closed = true;
      postApplies();
      scheduler.stop();
      // A final snapshot makes the next open fast; if the disk refuses, the journal still holds everything.
      await scheduler.run().catch(() => undefined);
      const unwritten = await journal.drainOnce();
      if (unwritten > 0) logger.error(`${unwritten} captured record(s) could not be written to ${paths.dir} and are lost`);
      await journal.close();
      await dbHost.call('close', {}).catch(() => undefined);
      await dbHost.terminate();
      if (state.lockHeld) await releaseWriteLock(fs, paths.lock);
    },
  };
}

/**
 * Every interaction, read a page at a time: the whole store in one answer would be built, serialized and rebuilt
 * at once on both sides of the worker boundary, several times its size in memory at the moment `serve` starts.
 */
async function inPages(
  host: DbHost,
  options: { since?: number; outline?: boolean },
  visit: (page: InteractionRecord[]) => void | Promise<void>,
): Promise<void> {
  // The next page is asked for before this one is visited, so the database's thread reads it meanwhile.
  let next = host.call('interactionPage', { ...options, limit: PAGE });
  for (;;) {
    const page = await next;
    const last = page[page.length - 1];
    const more = page.length === PAGE;
    if (more) {
      next = host.call('interactionPage', { ...options, after: [last.exchange.startedAt, last.exchange.id], limit: PAGE });
      // Awaited on the next round; a visit that throws first must not leave its failure unhandled.
      next.catch(() => undefined);
    }
    await visit(page);
    if (!more) return;
  }
}

async function allInPages(host: DbHost, since: number | undefined): Promise<InteractionRecord[]> {
  const out: InteractionRecord[] = [];
  await inPages(host, { since }, (page) => {
    for (const record of page) out.push(record);
  });
  return out;
}

const PAGE = 1000;

/** The buffer behind `bytes` when nothing else shares it, so it can move to the database worker without a copy. */
function ownedBuffer(bytes: Uint8Array): ArrayBuffer[] | undefined {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : undefined;
}

function describe(error: Error): string {
  const code = errorCode(error);
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the data dir is read-only';
  return error.message;
}

