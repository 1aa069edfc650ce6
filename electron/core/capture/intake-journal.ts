// Finished exchanges, appended on the proxy's thread as they finish, kept until the capture worker reports them in
// the store. The worker runs below the proxy's priority, so under load it may be seconds behind; this file is what
// makes an exchange that completed before a kill -9 survive meanwhile (ARCHITECTURE §7 (1)). After the next start the
// exchanges left in it go through capture again; the worker skips those the store already has.
//
// Appends are plain writes without fsync: a killed process loses nothing the kernel already took, and the store's
// own journal (which fsyncs) takes over within moments of the worker catching up. They run on libuv's pool, never on
// the proxy's thread: under heavy writeback even a write into the page cache can block for a long time.

import { close as closeFd, mkdirSync, openSync, readdirSync, readFileSync, rm, writev } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';
import type { CapturedExchange } from './exchange-recorder';
import { decodeIntakeFile, encodeIntakeRecord } from './intake-record';

export interface IntakeJournal {
  /** Queues a finished exchange for disk and returns its sequence number. */
  append(exchange: CapturedExchange): number;
  /** The sequence number of the last exchange appended (0 before any). */
  lastSeq(): number;
  /** Everything up to `seq` is in the store. */
  stored(seq: number): void;
  /** Exchanges appended and not yet reported stored, and their size on disk. */
  backlog(): { count: number; bytes: number };
  /** Writes what is queued and closes; files remain only if something in them was never reported stored. */
  close(): Promise<void>;
}

interface Segment {
  file: string;
  fd: number;
  bytes: number;
  lastSeq: number;
}

// A segment is closed past this size, so the files of what is already stored can be deleted while capture goes on.
const SEGMENT_BYTES = 8 * 1024 * 1024;
const FILE = /^(\d+)\.jsonl$/;

export function intakeDir(dataDir: string): string {
  return join(dataDir, 'intake');
}

/** Reads what an earlier run left (exchanges it never reported stored, in the order they finished), then starts a
 * new journal in which those come first again. */
export function openIntakeJournal(dataDir: string, logger: Logger): { journal: IntakeJournal; leftover: CapturedExchange[] } {
  const dir = intakeDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const old = readdirSync(dir)
    .map((name) => ({ name, n: Number(FILE.exec(name)?.[1]) }))
    .filter((f) => Number.isSafeInteger(f.n))
    .sort((a, b) => a.n - b.n);
  const leftover = readLeftover(old.map((f) => join(dir, f.name)), logger);
  let nextFile = (old.at(-1)?.n ?? 0) + 1;

  let seq = 0;
  let storedSeq = 0;
  const unreported: { seq: number; bytes: number }[] = [];
  let unreportedBytes = 0;
  const segments: Segment[] = [];
  let queue: Uint8Array[] = [];
  let queuedFor: Segment | undefined;
  let failing = false;

  const openSegment = (): Segment => {
    const file = join(dir, `${String(nextFile++).padStart(8, '0')}.jsonl`);
    const segment = { file, fd: openSync(file, 'a', 0o600), bytes: 0, lastSeq: 0 };
    segments.push(segment);
    return segment;
  };
  let current = openSegment();

  // One write at a time, in order; later batches and file removals queue behind it.
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const segment = queuedFor!;
    const buffers = queue;
    queue = [];
    queuedFor = undefined;
    writing = writing.then(() =>
      writevAll(segment.fd, buffers).then(
        () => {
          if (failing) logger.info('the capture intake is written again');
          failing = false;
        },
        (error: Error) => {
          if (!failing) logger.warn(`could not write the capture intake (${error.message}); capture goes on without its crash safety net`);
          failing = true;
        },
      ),
    );
  };
  const remove = (segment: Segment) => {
    writing = writing.then(async () => {
      await new Promise((resolve) => closeFd(segment.fd, resolve));
      await new Promise((resolve) => rm(segment.file, { force: true }, resolve));
    });
  };

  const removeStoredSegments = () => {
    while (segments.length > 1 && segments[0].lastSeq <= storedSeq) remove(segments.shift()!);
  };

  const journal: IntakeJournal = {
    append(exchange) {
      const record = encodeIntakeRecord(++seq, exchange);
      const bytes = record.reduce((sum, part) => sum + part.length, 0);
      if (current.bytes > SEGMENT_BYTES) {
        if (queue.length) flush();
        current = openSegment();
      }
      current.bytes += bytes;
      current.lastSeq = seq;
      unreported.push({ seq, bytes });
      unreportedBytes += bytes;
      if (queue.length === 0) setImmediate(() => queue.length && flush());
      queue.push(...record);
      queuedFor = current;
      return seq;
    },
    lastSeq: () => seq,
    stored(upTo) {
      storedSeq = Math.max(storedSeq, upTo);
      while (unreported.length && unreported[0].seq <= storedSeq) unreportedBytes -= unreported.shift()!.bytes;
      removeStoredSegments();
    },
    backlog: () => ({ count: unreported.length, bytes: unreportedBytes }),
    async close() {
      if (queue.length) flush();
      // A clean stop with everything stored leaves no file behind.
      const allStored = storedSeq >= seq;
      for (const segment of segments.splice(0)) {
        if (allStored) remove(segment);
        else writing = writing.then(() => new Promise<void>((resolve) => closeFd(segment.fd, () => resolve())));
      }
      await writing;
    },
  };

  // What the last run left is appended first, then its files go: from here on this journal alone holds it.
  for (const exchange of leftover) journal.append(exchange);
  if (queue.length) flush();
  writing = writing.then(async () => {
    if (failing) return;
    for (const f of old) await new Promise((resolve) => rm(join(dir, f.name), { force: true }, resolve));
  });
  return { journal, leftover };
}

/** The exchanges, each once (the last record of an id wins), in the order they finished. */
function readLeftover(files: string[], logger: Logger): CapturedExchange[] {
  const byId = new Map<string, CapturedExchange>();
  let unreadable = 0;
  for (const file of files) {
    const decoded = decodeIntakeFile(readFileSync(file));
    unreadable += decoded.unreadable;
    for (const exchange of decoded.exchanges) {
      byId.delete(exchange.id);
      byId.set(exchange.id, exchange);
    }
  }
  if (unreadable) logger.warn(`the capture intake had ${unreadable} unreadable record(s); what followed them in their file was skipped`);
  return [...byId.values()];
}

// A write may take less than asked (a signal); the rest follows.
async function writevAll(fd: number, buffers: Uint8Array[]): Promise<void> {
  let rest = buffers;
  while (rest.length) {
    let written = await new Promise<number>((resolve, reject) =>
      writev(fd, rest.slice(0, 1024), (error, bytes) => (error ? reject(error) : resolve(bytes))),
    );
    const next: Uint8Array[] = [];
    for (const buffer of rest) {
      if (written >= buffer.length) written -= buffer.length;
      else {
        next.push(written > 0 ? buffer.subarray(written) : buffer);
        written = 0;
      }
    }
    rest = next;
  }
}
