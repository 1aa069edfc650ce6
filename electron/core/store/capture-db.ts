// The database itself: one sql.js database in memory, its schema, and the record <-> row mapping. It does no file
// I/O, so the same code runs inside the database worker (writer) and in-process (read-only CLI).

import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { InteractionRef, ListOptions } from './capture-store';
import { ChunkStore, ReadCache } from './chunk-store';
import type { JournalEntry } from './journal-entry';
import { KIND_EXCHANGE, KIND_INTERACTION } from './migrate-to-records';
import { migrate, type Migration } from './migrations';
import { emptyDatabaseImage, exportWithRoom, withRoomToGrow } from './roomy-file';
import type { PackedExchange } from './packed-record';
import { packExchange, packInteraction, type PackedInteractionEntry } from './record-pack';
import { decodeRow, encodeRow, sessionColumn, sessionFromColumn, type RecordRow } from './record-row';
import { unpackExchange, unpackInteraction, type UnpackOptions } from './record-unpack';
import { findText, turnContent, type TextHit, type TurnContent, type TurnContentRequest } from './turn-content';

/** The bytes handed to `openCaptureDb` are not a readable SQLite database. */
export class CorruptDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorruptDatabaseError';
  }
}

/** Where a page of interactions ended: the start time and id of its last one. */
export type InteractionCursor = [startedAt: number, id: string];

const SELECT_INTERACTION = `SELECT codec, data FROM records WHERE kind = ${KIND_INTERACTION}`;

/** A few pages' worth of rollback journal per entry: a few MB per transaction at most. */
const ENTRIES_PER_TRANSACTION = 200;

export class CaptureDb {
  private appliedSeq: number;
  private readonly chunks: ChunkStore;
  // Prepared once: a session's turns are read one row at a time, and preparing costs more than the read.
  private readonly rowStmt: Statement;

  constructor(
    private readonly db: Database,
    private readonly exportFile: () => Uint8Array = () => db.export(),
  ) {
    this.chunks = new ChunkStore(db);
    this.rowStmt = db.prepare('SELECT codec, data FROM records WHERE id = ?');
    this.appliedSeq = Number(this.scalar(`SELECT value FROM meta WHERE key = 'applied_seq'`) ?? 0);
  }

  /** The highest journal sequence number this database contains. */
  get lastSeq(): number {
    return this.appliedSeq;
  }

  /**
   * Applies journal entries newer than the database, a bounded number per transaction: each transaction keeps a
   * copy of every page it changes in SQLite's in-memory rollback journal, and the wasm memory that grows into is
   * never given back. One transaction for a whole journal replay, or for a backlog of puts after a stall, kept
   * tens of MB for the life of the process.
   */
  apply(entries: readonly JournalEntry[]): number {
    let applied = 0;
    for (let start = 0; start < entries.length; start += ENTRIES_PER_TRANSACTION) {
      applied += this.applyInOneTransaction(entries.slice(start, start + ENTRIES_PER_TRANSACTION));
    }
    return applied;
  }

  getInteraction(id: string): InteractionRecord | undefined {
    return this.query(`${SELECT_INTERACTION} AND id = ?`, [id])[0];
  }

  /** Ordered by start time then id. With a limit, the newest `limit` interactions (still in ascending order). */
  listInteractions(options: ListOptions = {}): InteractionRecord[] {
    const since = options.since ?? Number.MIN_SAFE_INTEGER;
    if (options.limit === undefined) {
      return this.query(`${SELECT_INTERACTION} AND started_at >= ? ORDER BY started_at, id`, [since]);
    }
    const newest = this.query(`${SELECT_INTERACTION} AND started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?`, [
      since,
      Math.max(0, Math.floor(options.limit)),
    ]);
    return newest.reverse();
  }

  /**
   * Up to `limit` interactions in listInteractions' order, from `since` on and after the `after` cursor (the start
   * time and id of the last one of the previous page): a whole store read a page at a time.
   */
  interactionPage(since: number | undefined, after: InteractionCursor | undefined, limit: number, unpack: UnpackOptions = {}): InteractionRecord[] {
    const params: SqlValue[] = [since ?? Number.MIN_SAFE_INTEGER];
    let where = 'started_at >= ?';
    if (after) {
      where += ' AND (started_at, id) > (?, ?)';
      params.push(after[0], after[1]);
    }
    params.push(Math.max(1, Math.floor(limit)));
    return this.query(`${SELECT_INTERACTION} AND ${where} ORDER BY started_at, id LIMIT ?`, params, unpack);
  }

  /** listInteractions' order and options, but only the columns and the link: no JSON is inflated, no body read. */
  listInteractionRefs(options: ListOptions = {}): InteractionRef[] {
    const since = options.since ?? Number.MIN_SAFE_INTEGER;
    const select = `SELECT id, session, started_at, link FROM records WHERE kind = ${KIND_INTERACTION} AND started_at >= ?`;
    const sql = options.limit === undefined ? `${select} ORDER BY started_at, id` : `${select} ORDER BY started_at DESC, id DESC LIMIT ?`;
    const params: SqlValue[] = options.limit === undefined ? [since] : [since, Math.max(0, Math.floor(options.limit))];
    const stmt = this.db.prepare(sql);
    const out: InteractionRef[] = [];
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const [id, sessionId, startedAt, link] = stmt.get();
        const ref: InteractionRef = { id: id as string, sessionId: sessionFromColumn(id as string, sessionId), startedAt: Number(startedAt) };
        if (typeof link === 'string') ref.link = JSON.parse(link) as InteractionRef['link'];
        out.push(ref);
      }
    } finally {
      stmt.free();
    }
    return options.limit === undefined ? out : out.reverse();
  }

  /** What the timeline shows of each interaction (turn-content.ts); undefined for an id the store does not hold. */
  turnContents(items: readonly TurnContentRequest[]): (TurnContent | undefined)[] {
    const cache = new ReadCache();
    return items.map((item) => this.contentOf(item, cache));
  }

  /** Per group (a session's turns, in order): the first turn whose new messages or outputs hold `text`, any case. */
  searchTurns(groups: readonly (readonly TurnContentRequest[])[], text: string): (TextHit | null)[] {
    const needle = text.toLowerCase();
    return groups.map((group) => {
      // One cache per group: a session's turns share their history, and the cache is dropped before the next.
      const cache = new ReadCache();
      for (const item of group) {
        const content = this.contentOf(item, cache);
        const found = content && findText(content, needle);
        if (found !== undefined) return { id: item.id, text: found };
      }
      return null;
    });
  }

  getExchange(id: string): Exchange | undefined {
    const row = this.row(id);
    return row && unpackExchange(this.chunks, new ReadCache(), row.x);
  }

  counts(): { interactions: number; exchanges: number; blobs: number } {
    return {
      interactions: Number(this.scalar(`SELECT count(*) FROM records WHERE kind = ${KIND_INTERACTION}`)),
      exchanges: Number(this.scalar('SELECT count(*) FROM records')),
      blobs: Number(this.scalar('SELECT count(*) FROM blobs')),
    };
  }

  export(): Uint8Array {
    return this.exportFile();
  }

  close(): void {
    this.rowStmt.free();
    this.chunks.close();
    this.db.close();
  }

  private applyInOneTransaction(entries: readonly JournalEntry[]): number {
    let applied = 0;
    this.db.run('BEGIN');
    try {
      for (const entry of entries) {
        if (entry.s <= this.appliedSeq) continue;
        this.applyEntry(entry);
        this.appliedSeq = entry.s;
        applied++;
      }
      if (applied > 0) this.db.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('applied_seq', ?)`, [String(this.appliedSeq)]);
      this.db.run('COMMIT');
    } catch (error) {
      this.db.run('ROLLBACK');
      this.appliedSeq = Number(this.scalar(`SELECT value FROM meta WHERE key = 'applied_seq'`) ?? 0);
      throw error;
    }
    return applied;
  }

  private applyEntry(entry: JournalEntry): void {
    const isKnown = (hash: string) => this.chunks.hasNode(hash);
    switch (entry.k) {
      case 'x': {
        const packed = packExchange(entry.v, isKnown);
        this.chunks.put(packed.content);
        this.writeExchange(packed.value);
        return;
      }
      case 'i': {
        const packed = packInteraction(entry.v, isKnown);
        this.chunks.put(packed.content);
        this.writeInteraction(packed.value);
        return;
      }
      case 'px':
        this.chunks.put(entry);
        this.writeExchange(entry.v);
        return;
      case 'pi':
        this.chunks.put(entry);
        this.writeInteraction(entry.v);
        return;
      default: {
        const never: never = entry;
        throw new Error(`unknown journal entry ${JSON.stringify(never).slice(0, 80)}`);
      }
    }
  }

  private writeExchange(exchange: PackedExchange): void {
    // An exchange put again after its interaction (a late state change) keeps the interaction's part of the row.
    const existing = this.row(exchange.id);
    this.writeRow(existing?.i ? { x: exchange, i: existing.i } : { x: exchange });
  }

  private writeInteraction(record: PackedInteractionEntry): void {
    const { exchange, ...rest } = record;
    this.writeRow({ x: exchange, i: rest });
  }

  private writeRow(row: RecordRow): void {
    const { codec, data } = encodeRow(row);
    const placement = row.i?.placement;
    this.db.run(`INSERT OR REPLACE INTO records (id, started_at, session, link, kind, codec, data) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      row.x.id,
      row.x.startedAt,
      sessionColumn(row.x.id, placement?.sessionId),
      placement?.link ? JSON.stringify(placement.link) : null,
      row.i ? KIND_INTERACTION : KIND_EXCHANGE,
      codec,
      data,
    ]);
  }

  private row(id: string): RecordRow | undefined {
    const stmt = this.rowStmt;
    try {
      stmt.bind([id]);
      if (!stmt.step()) return undefined;
      const [codec, data] = stmt.get();
      return decodeRow(data, Number(codec));
    } finally {
      stmt.reset();
    }
  }

  private query(sql: string, params: SqlValue[], unpack: UnpackOptions = {}): InteractionRecord[] {
    const stmt = this.db.prepare(sql);
    const out: InteractionRecord[] = [];
    // One cache per read: the records of a session share most of their history.
    const cache = new ReadCache();
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const [codec, data] = stmt.get();
        const row = decodeRow(data, Number(codec));
        if (row.i) out.push(unpackInteraction(this.chunks, cache, row.i, unpackExchange(this.chunks, cache, row.x, unpack), unpack));
      }
    } finally {
      stmt.free();
    }
    return out;
  }

  private contentOf(item: TurnContentRequest, cache: ReadCache): TurnContent | undefined {
    const row = this.row(item.id);
    return row?.i && turnContent(this.chunks, cache, row.i, item);
  }

  private scalar(sql: string): SqlValue | undefined {
    return this.db.exec(sql)[0]?.values[0]?.[0];
  }
}

/**
 * Opens a database from snapshot bytes (or a fresh one) and migrates it forward. Throws CorruptDatabaseError when
 * the bytes are not a readable database; SchemaTooNewError passes through (a newer file is not a corrupt one).
 */
export function openCaptureDb(SQL: SqlJsStatic, bytes: Uint8Array | null, migrations: readonly Migration[]): CaptureDb {
  let db: Database | undefined;
  try {
    db = new SQL.Database(withRoomToGrow(bytes && bytes.length > 0 ? bytes : emptyDatabaseImage(SQL)));
    // sql.js opens garbage without complaint; the first read of the schema is what fails.
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
  } catch (error) {
    // Closing unlinks the file from MEMFS, which would otherwise keep the unreadable bytes (and their room).
    try {
      db?.close();
    } catch {
      // Nothing more to free.
    }
    throw new CorruptDatabaseError(`not a readable database: ${(error as Error).message}`, { cause: error });
  }
  // The database file lives in emscripten's in-memory FS and durability comes from our journal, so SQLite's own
  // rollback journal need not be a file: keeping it in memory halves the cost of each write.
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA foreign_keys = OFF');
  // This connection is the file's only user. Without the exclusive lock SQLite takes and drops a lock around every
  // statement and stats the file each time, which in emscripten's FS costs more than reading the row.
  db.run('PRAGMA locking_mode = EXCLUSIVE');
  migrate(db, migrations);
  return new CaptureDb(db, () => exportWithRoom(SQL, db));
}
