// The store keeps the buffers it frees under 128 KB where it can, and grows its database file in place: freeing a
// larger malloc'd buffer raises glibc's mmap and trim thresholds for good, after which every thread's arena keeps
// tens of MB it no longer uses (see electron/core/store/roomy-file.ts).

import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { DbService } from '../../../electron/core/store/db-service';
import { textPieces } from '../../../electron/core/store/journal-writer';
import { emptyDatabaseImage, exportWithRoom, withRoomToGrow } from '../../../electron/core/store/roomy-file';
import { makeRecord, tempDataDir, watchedFs } from './store-factories';

const MB = 1024 * 1024;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('text pieces of a journal write', () => {
  it('cover the text exactly, each at most the limit, never splitting a surrogate pair', () => {
    const text = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? '😀' : `line ${i} é\n`)).join('');
    for (const max of [1, 2, 3, 10, 333, 4096]) {
      const pieces = [...textPieces(text, max)];
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(Math.max(max, 2));
        // A lone surrogate at either end would be written as U+FFFD.
        expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece)).toBe(false);
      }
    }
    expect([...textPieces('', 10)]).toEqual([]);
    expect([...textPieces('short', 10)]).toEqual(['short']);
  });
});

describe('a burst of puts', () => {
  it('reaches the journal in writes and the database in messages of a bounded size, and all of it is kept', async () => {
    const writes: number[] = [];
    const fs = watchedFs((path, data) => {
      if (/journal/.test(path)) writes.push(data.length);
    });
    const applied: number[] = [];
    const handle = DbService.prototype.handle;
    vi.spyOn(DbService.prototype, 'handle').mockImplementation(function (this: DbService, request) {
      if (request.op === 'apply') applied.push(request.args.lines.reduce((sum, line) => sum + line.length, 0));
      return handle.call(this, request);
    });
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, fs, worker: false, snapshotIntervalMs: 600_000 });
    const total = 2000;
    try {
      // All in one tick, as a capture catching up after a stall puts them.
      for (let i = 0; i < total; i++) store.putInteraction(makeRecord(`burst-${i}`));
      expect((await store.listInteractionRefs()).length).toBe(total);
      await store.flush();
    } finally {
      await store.close();
    }
    expect(applied.reduce((a, b) => a + b, 0)).toBeGreaterThan(MB);
    expect(Math.max(...applied)).toBeLessThan(64 * 1024);
    expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(MB);
    expect(Math.max(...writes)).toBeLessThanOrEqual(32 * 1024);

    const reopened = await openStore({ dataDir });
    try {
      expect((await reopened.listInteractionRefs()).length).toBe(total);
    } finally {
      await reopened.close();
    }
  });
});

describe('the database file', () => {
  it('grows in place inside its room instead of being copied into ever larger arrays', async () => {
    const SQL = await initSqlJs();
    const before = process.memoryUsage().arrayBuffers;
    const db = new SQL.Database(withRoomToGrow(emptyDatabaseImage(SQL), 256 * MB));
    try {
      const opened = process.memoryUsage().arrayBuffers;
      expect(opened - before).toBeGreaterThanOrEqual(256 * MB);
      db.run('CREATE TABLE t (x)');
      const row = 'x'.repeat(2000);
      for (let i = 0; i < 20; i++) {
        db.run('BEGIN');
        for (let j = 0; j < 500; j++) db.run('INSERT INTO t VALUES (?)', [`${row}${i}:${j}`]);
        db.run('COMMIT');
      }
      const fileBytes = Number(db.exec('PRAGMA page_count')[0].values[0][0]) * 4096;
      expect(fileBytes).toBeGreaterThan(18 * MB);
      // MEMFS's own growth allocates a new array at each step and copies the file into it (about 40 MB of arrays
      // for this file, until a collection); in place, nothing is allocated.
      expect(process.memoryUsage().arrayBuffers - opened).toBeLessThan(4 * MB);
    } finally {
      db.close();
    }
  });

  it('exports through a copy with room, to the same content as sql.js export', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(withRoomToGrow(emptyDatabaseImage(SQL)));
    try {
      db.run('CREATE TABLE t (x)');
      db.run('BEGIN');
      for (let i = 0; i < 3000; i++) db.run('INSERT INTO t VALUES (?)', [`row ${i} ${'y'.repeat(500)}`]);
      db.run('COMMIT');
      const plain = db.export();
      const roomy = exportWithRoom(SQL, db);
      expect(roomy.length).toBe(plain.length);
      // At least 64 MB of address space: a block that size never moves glibc's thresholds when freed.
      expect(roomy.buffer.byteLength).toBeGreaterThanOrEqual(64 * MB);
      const copy = new SQL.Database(roomy);
      try {
        expect(copy.exec('SELECT count(*), sum(length(x)) FROM t')[0].values[0]).toEqual(
          db.exec('SELECT count(*), sum(length(x)) FROM t')[0].values[0],
        );
        expect(copy.exec('PRAGMA integrity_check')[0].values[0][0]).toBe('ok');
      } finally {
        copy.close();
      }
    } finally {
      db.close();
    }
  });
});
