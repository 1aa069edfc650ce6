// sql.js keeps the database file in one Uint8Array of emscripten's MEMFS and grows it by copying it into an array
// 12.5% larger. Each growth past a few MB allocates a new array, copies the file and leaves the old one for V8 to
// free; at 93 MB that is an 80 MB dead copy every few thousand interactions. Freeing those copies is also what
// raises glibc's mmap and trim thresholds (up to 32 and 64 MB), after which every thread's malloc arena keeps tens of
// MB it no longer uses.
//
// MEMFS takes the first write to an empty file with `buffer.slice(...)` and keeps the result as the file's storage,
// growing it only once a write goes past that array's length. So the bytes the database is opened from are handed
// over with a `slice` that returns a copy with room to grow: a large zero-filled array whose untouched pages the
// kernel never backs (calloc of that size is a fresh anonymous mapping), so the process's resident memory follows
// the file, not the array. Past that room MEMFS grows the file as before.

import type { Database, SqlJsStatic } from 'sql.js';

/** Room for the database to grow into before MEMFS copies it: address space only, resident as it is written. */
const DATABASE_ROOM_BYTES = 1024 * 1024 * 1024;

/**
 * Bytes to open a sql.js database from, arranged so that MEMFS stores the file in an array of `room` bytes (or the
 * file's size, if larger). Returns `bytes` unchanged where that array cannot be had (the allocation fails) or where
 * untouched pages of a fresh allocation are not known to stay unbacked (Electron's allocator, other platforms).
 */
export function withRoomToGrow(bytes: Uint8Array, room = DATABASE_ROOM_BYTES): Uint8Array {
  if (!lazyZeroPages() || bytes.length === 0) return bytes;
  let storage: Uint8Array;
  try {
    storage = new Uint8Array(Math.max(room, bytes.length));
  } catch {
    return bytes;
  }
  storage.set(bytes);
  const handed = storage.subarray(0, bytes.length);
  Object.defineProperty(handed, 'slice', {
    value(start?: number, end?: number): Uint8Array {
      // Only MEMFS's whole-file first write gets the storage itself; any other caller gets a real slice.
      if ((start ?? 0) === 0 && (end ?? handed.length) === handed.length) return storage;
      return Uint8Array.prototype.slice.call(handed, start, end);
    },
  });
  return handed;
}

function lazyZeroPages(): boolean {
  return (process.platform === 'linux' || process.platform === 'darwin') && !process.versions.electron;
}

/** A fresh, empty database as file bytes, so that a new store is opened from bytes too (and gets the room). */
export function emptyDatabaseImage(SQL: SqlJsStatic): Uint8Array {
  const seed = new SQL.Database();
  try {
    // Writing the header is what makes SQLite create the file's first page.
    seed.run('PRAGMA user_version = 0');
    return seed.export();
  } finally {
    seed.close();
  }
}

const SQLITE_OK = 0;
const SQLITE_DONE = 101;
/** Past glibc's largest dynamic mmap threshold (32 MB on 64-bit): freeing a block this large never raises it. */
const EXPORT_MIN_ROOM_BYTES = 64 * 1024 * 1024;

/**
 * The database's file bytes, as `Database.export()` gives them, but copied by SQLite's backup API into a second
 * database whose storage has room: at least 64 MB of address space, resident only as far as the file goes.
 * sql.js's own export allocates exactly the file's size, and while the database is under 32 MB each snapshot's
 * freed copy raised glibc's thresholds by that much (see the top of this file). Falls back to `export()` where
 * there is no such room.
 */
export function exportWithRoom(SQL: SqlJsStatic, db: Database): Uint8Array {
  if (!lazyZeroPages()) return db.export();
  const fileBytes = pragmaNumber(db, 'page_count') * pragmaNumber(db, 'page_size');
  const handed = withRoomToGrow(emptyDatabaseImage(SQL), Math.max(EXPORT_MIN_ROOM_BYTES, fileBytes));
  if (handed.buffer.byteLength < fileBytes) return db.export();
  const copy = new SQL.Database(handed);
  try {
    const init = SQL.cwrap('sqlite3_backup_init', 'number', ['number', 'string', 'number', 'string']);
    const step = SQL.cwrap('sqlite3_backup_step', 'number', ['number', 'number']);
    const finish = SQL.cwrap('sqlite3_backup_finish', 'number', ['number']);
    const backup = init(copy.db, 'main', db.db, 'main');
    if (!backup) return db.export();
    const stepped = step(backup, -1);
    if (finish(backup) !== SQLITE_OK || stepped !== SQLITE_DONE) return db.export();
    const pages = pragmaNumber(copy, 'page_count');
    const image = new Uint8Array(handed.buffer, 0, pages * pragmaNumber(copy, 'page_size'));
    // The copy's file must still be stored in our array: its header's page count (offset 28, big-endian) is the
    // copy's, which the array could not show had MEMFS moved the file elsewhere.
    if (image.length !== fileBytes || new DataView(image.buffer).getUint32(28) !== pages) return db.export();
    return image;
  } finally {
    copy.close();
  }
}

function pragmaNumber(db: Database, name: string): number {
  return Number(db.exec(`PRAGMA ${name}`)[0]?.values[0]?.[0] ?? 0);
}
