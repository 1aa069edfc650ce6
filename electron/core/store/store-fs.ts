// The file operations the writer performs, behind a small interface so tests can make the disk fail (tests run as
// root, where chmod does not stop writes) and watch the store recover. Production passes nothing and gets node:fs.

import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';

export interface StoreFile {
  /** Writes all of `data` at the file's position (the end, for append mode). */
  writeAll(data: string | Uint8Array): Promise<void>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFs {
  mkdir(path: string): Promise<void>;
  /** `flags` as in fs.open: 'a' append, 'w' truncate, 'wx' create exclusively, 'r' read (to fsync a folder). */
  open(path: string, flags: 'a' | 'w' | 'wx' | 'r'): Promise<StoreFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeStoreFs: StoreFs = {
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async open(path, flags) {
    const handle = await open(path, flags, 0o600);
    return {
      // FileHandle.writeFile loops until every byte is written, unlike a single write().
      writeAll: (data) => handle.writeFile(data),
      datasync: () => handle.datasync(),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readdir: (path) => readdir(path),
  readFile: (path) => readFile(path),
};

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
