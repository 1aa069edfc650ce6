// Finished exchanges, appended on the proxy's thread as they finish, kept until the capture worker reports them in
// the store. The worker runs below the proxy's priority, so under load it may be seconds behind; this file is what
// makes an exchange that completed before a kill -9 survive meanwhile (ARCHITECTURE §7 (1)). After the next start the
// exchanges left in it go through capture again; the worker skips those the store already has.
//
// Appends are plain writes without fsync: a killed process loses nothing the kernel already took, and the store's
// own journal (which fsyncs) takes over within moments of the worker catching up.

import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../../../shared/exchange';
import type { Logger } from '../logger';

export interface IntakeJournal {
  /** Queues an exchange (as JSON) for disk and returns its sequence number. */
  append(exchangeJson: string): number;
  /** Everything up to `seq` is in the store. */
  stored(seq: number): void;
  /** Exchanges appended and not yet reported stored, and their size on disk. */
  backlog(): { count: number; bytes: number };
  /** Writes what is queued and closes; files remain only if something in them was never reported stored. */
  close(): void;
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
export function openIntakeJournal(dataDir: string, logger: Logger): { journal: IntakeJournal; leftover: string[] } {
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
  let queue: string[] = [];
  let queuedFor: Segment | undefined;
  let failing = false;

  const openSegment = (): Segment => {
    const file = join(dir, `${String(nextFile++).padStart(8, '0')}.jsonl`);
    const segment = { file, fd: openSync(file, 'a', 0o600), bytes: 0, lastSeq: 0 };
    segments.push(segment);
    return segment;
  };
  let current = openSegment();

  // A synchronous write of one batch into the page cache costs the proxy's thread a few microseconds; an async one
  // costs it several times that in request bookkeeping, plus a wake-up of libuv's pool.
  const flush = () => {
    const segment = queuedFor!;
    const text = queue.join('');
    queue = [];
    queuedFor = undefined;
    try {
      writeSync(segment.fd, text);
      if (failing) logger.info('the capture intake is written again');
      failing = false;
    } catch (error) {
      if (!failing) logger.warn(`could not write the capture intake (${(error as Error).message}); capture goes on without its crash safety net`);
      failing = true;
    }
  };

  const removeStoredSegments = () => {
    while (segments.length > 1 && segments[0].lastSeq <= storedSeq) {
      const done = segments.shift()!;
      closeSync(done.fd);
      rmSync(done.file, { force: true });
    }
  };

  const journal: IntakeJournal = {
    append(exchangeJson) {
      const line = `{"s":${++seq},"x":${exchangeJson}}\n`;
      if (current.bytes > SEGMENT_BYTES) {
        if (queue.length) flush();
        current = openSegment();
      }
      current.bytes += line.length;
      current.lastSeq = seq;
      unreported.push({ seq, bytes: line.length });
      unreportedBytes += line.length;
      if (queue.length === 0) setImmediate(() => queue.length && flush());
      queue.push(line);
      queuedFor = current;
      return seq;
    },
    stored(upTo) {
      storedSeq = Math.max(storedSeq, upTo);
      while (unreported.length && unreported[0].seq <= storedSeq) unreportedBytes -= unreported.shift()!.bytes;
      removeStoredSegments();
    },
    backlog: () => ({ count: unreported.length, bytes: unreportedBytes }),
    close() {
      if (queue.length) flush();
      for (const segment of segments) {
        closeSync(segment.fd);
        // A clean stop with everything stored leaves no file behind.
        if (storedSeq >= seq) rmSync(segment.file, { force: true });
      }
      segments.length = 0;
    },
  };

  // What the last run left is appended first, then its files go: from here on this journal alone holds it.
  for (const json of leftover) journal.append(json);
  if (queue.length) flush();
  if (!failing) for (const f of old) rmSync(join(dir, f.name), { force: true });
  return { journal, leftover };
}

/** The exchanges as JSON, each once. */
function readLeftover(files: string[], logger: Logger): string[] {
  const byId = new Map<string, string>();
  let unreadable = 0;
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line) return;
      try {
        const { x } = JSON.parse(line) as { x?: Exchange };
        if (x && typeof x.id === 'string') byId.set(x.id, JSON.stringify(x));
        else unreadable++;
      } catch {
        // The last line of the last file may be cut short by the kill; anything else is worth a warning.
        if (!(file === files.at(-1) && i === lines.length - 1)) unreadable++;
      }
    });
  }
  if (unreadable) logger.warn(`the capture intake had ${unreadable} unreadable lines; they were skipped`);
  return [...byId.values()];
}
