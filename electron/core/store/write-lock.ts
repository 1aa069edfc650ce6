// One writer per data dir: a lock file holding the writer's pid. Two writers would each snapshot their own
// in-memory database over the other's. A lock left by a dead process (kill -9, power loss) is taken over.

import type { StoreFs } from './store-fs';
import { errorCode } from './store-fs';

export class LockHeldError extends Error {
  constructor(readonly path: string, readonly pid: number) {
    super(`another Threadtap process (pid ${pid}) is writing this data dir (lock ${path})`);
    this.name = 'LockHeldError';
  }
}

// A process-wide fact like the pid itself: which lock files this process holds. It tells "our own pid because we
// hold it" (refuse a second writer in-process) from "our own pid reused after a crash" (e.g. pid 1 in a container).
const heldByThisProcess = new Set<string>();

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

async function readOwner(fs: StoreFs, path: string): Promise<number | undefined> {
  const text = new TextDecoder().decode(await fs.readFile(path));
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Takes the lock or throws LockHeldError; file-system errors (read-only dir) pass through to the caller. */
export async function acquireWriteLock(fs: StoreFs, path: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const file = await fs.open(path, 'wx');
      try {
        await file.writeAll(`${process.pid}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      heldByThisProcess.add(path);
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    let owner = await readOwner(fs, path).catch(() => undefined);
    if (owner === undefined) {
      // A writer may be between creating the file and writing its pid; look again before calling it stale.
      await new Promise((resolve) => setTimeout(resolve, 100));
      owner = await readOwner(fs, path).catch(() => undefined);
    }
    const ownerIsUs = owner === process.pid;
    if (owner !== undefined && isProcessAlive(owner) && (!ownerIsUs || heldByThisProcess.has(path))) {
      throw new LockHeldError(path, owner);
    }
    await fs.unlink(path).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
  throw new Error(`could not take the lock ${path}: it keeps reappearing`);
}

export async function releaseWriteLock(fs: StoreFs, path: string): Promise<void> {
  if (!heldByThisProcess.delete(path)) return;
  const owner = await readOwner(fs, path).catch(() => undefined);
  if (owner === process.pid) await fs.unlink(path).catch(() => undefined);
}
