// The files of a data dir and how they are read and replaced: the snapshot (`threadtap.db`), journal segments
// (`threadtap.db.journal-000001.jsonl`, ...), the writer's lock, and files set aside as unreadable.

import { dirname, join } from 'node:path';
import type { JournalText } from './db-service';
import { errorCode, type StoreFs } from './store-fs';

export const DEFAULT_FILE_NAME = 'threadtap.db';

export interface StorePaths {
  dir: string;
  snapshot: string;
  lock: string;
  fileName: string;
}

export function storePaths(dataDir: string, fileName = DEFAULT_FILE_NAME): StorePaths {
  return { dir: dataDir, snapshot: join(dataDir, fileName), lock: join(dataDir, `${fileName}.lock`), fileName };
}

export function segmentPath(paths: StorePaths, segment: number): string {
  return join(paths.dir, `${paths.fileName}.journal-${String(segment).padStart(6, '0')}.jsonl`);
}

/** Segment numbers present in the data dir, ascending. A missing dir has none. */
export async function listSegments(fs: StoreFs, paths: StorePaths): Promise<number[]> {
  let names: string[];
  try {
    names = await fs.readdir(paths.dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  const prefix = `${paths.fileName}.journal-`;
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl'))
    .map((name) => Number(name.slice(prefix.length, -'.jsonl'.length)))
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

/** Reads the given segments; one that vanished meanwhile was folded into a newer snapshot by the writer. */
export async function readSegments(fs: StoreFs, paths: StorePaths, segments: number[]): Promise<JournalText[]> {
  const out: JournalText[] = [];
  const decoder = new TextDecoder();
  for (const segment of segments) {
    const path = segmentPath(paths, segment);
    try {
      out.push({ name: path, text: decoder.decode(await fs.readFile(path)) });
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  return out;
}

export type SnapshotRead = { kind: 'missing' } | { kind: 'read'; bytes: Uint8Array } | { kind: 'unreadable'; reason: string };

export async function readSnapshot(fs: StoreFs, paths: StorePaths): Promise<SnapshotRead> {
  try {
    return { kind: 'read', bytes: await fs.readFile(paths.snapshot) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: (error as Error).message };
  }
}

/**
 * Replaces the snapshot so that a crash at any point leaves either the old file or the new one, whole: write a
 * temporary file, fsync it, rename it over the snapshot, fsync the folder so the rename itself is durable.
 */
export async function writeSnapshotAtomically(fs: StoreFs, paths: StorePaths, bytes: Uint8Array): Promise<void> {
  const temp = `${paths.snapshot}.tmp-${process.pid}`;
  const file = await fs.open(temp, 'w');
  try {
    await file.writeAll(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await fs.rename(temp, paths.snapshot);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(fs, dirname(paths.snapshot));
}

/** Best effort: some platforms (Windows) cannot open a folder to fsync it. */
export async function syncFolder(fs: StoreFs, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename is still atomic; only its durability across power loss is weaker.
  }
}

/** Renames an unreadable snapshot aside (never deletes it) and returns its new path. */
export async function moveAside(fs: StoreFs, paths: StorePaths, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${paths.snapshot}.corrupt-${stamp}`;
  await fs.rename(paths.snapshot, target);
  return target;
}

/** Deletes temporary snapshot files a crash left behind mid-write; the real snapshot was never touched by them. */
export async function removeStaleTemps(fs: StoreFs, paths: StorePaths): Promise<void> {
  const names = await fs.readdir(paths.dir).catch(() => [] as string[]);
  const prefix = `${paths.fileName}.tmp-`;
  for (const name of names) {
    if (name.startsWith(prefix)) await fs.unlink(join(paths.dir, name)).catch(() => undefined);
  }
}
