// The database itself: one sql.js database in memory, its schema, and the record <-> row mapping. It does no file
// I/O, so the same code runs inside the database worker (writer) and in-process (read-only CLI).

import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { Body, Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { InteractionRef, ListOptions } from './capture-store';
import { ChunkStore, ReadCache } from './chunk-store';
import type { JournalEntry } from './journal-entry';
import { migrate, type Migration } from './migrations';
import { isPackedBody, type PackedExchange, type PackedInteraction } from './packed-record';
import { packExchange, packInteraction, type PackedInteractionEntry } from './record-pack';
import { unpackBody, unpackInteraction } from './record-unpack';
import { findText, turnContent, type TextHit, type TurnContent, type TurnContentRequest } from './turn-content';

/** The bytes handed to `openCaptureDb` are not a readable SQLite database. */
export class CorruptDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorruptDatabaseError';
  }
}

/** A version-1 body: everything but the data, which lives in `blobs` under `blob` (joined in by the queries). */
type V1Body = Omit<Body, 'data'> & { blob: string };

const SELECT_INTERACTION = `
  SELECT i.json, e.json, rb.data, sb.data FROM interactions i
  JOIN exchanges e ON e.id = i.exchange_id
  LEFT JOIN blobs rb ON rb.hash = e.request_body_hash
  LEFT JOIN blobs sb ON sb.hash = e.response_body_hash`;

export class CaptureDb {
  private appliedSeq: number;
  private readonly chunks: ChunkStore;

  constructor(private readonly db: Database) {
    this.chunks = new ChunkStore(db);
    this.appliedSeq = Number(this.scalar(`SELECT value FROM meta WHERE key = 'applied_seq'`) ?? 0);
  }

  /** The highest journal sequence number this database contains. */
  get lastSeq(): number {
    return this.appliedSeq;
  }

  /** Applies journal entries newer than the database in one transaction; older ones are already in it. */
  apply(entries: readonly JournalEntry[]): number {
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

  getInteraction(id: string): InteractionRecord | undefined {
    return this.query(`${SELECT_INTERACTION} WHERE i.id = ?`, [id])[0];
  }

  /** Ordered by start time then id. With a limit, the newest `limit` interactions (still in ascending order). */
  listInteractions(options: ListOptions = {}): InteractionRecord[] {
    const since = options.since ?? Number.MIN_SAFE_INTEGER;
    if (options.limit === undefined) {
      return this.query(`${SELECT_INTERACTION} WHERE i.started_at >= ? ORDER BY i.started_at, i.id`, [since]);
    }
    const newest = this.query(`${SELECT_INTERACTION} WHERE i.started_at >= ? ORDER BY i.started_at DESC, i.id DESC LIMIT ?`, [
      since,
      Math.max(0, Math.floor(options.limit)),
    ]);
    return newest.reverse();
  }

  /** listInteractions' order and options, but only the columns and the link: no JSON is inflated, no body read. */
  listInteractionRefs(options: ListOptions = {}): InteractionRef[] {
    const since = options.since ?? Number.MIN_SAFE_INTEGER;
    const select = `SELECT id, session_id, started_at, json_extract(json, '$.placement.link') FROM interactions WHERE started_at >= ?`;
    const sql = options.limit === undefined ? `${select} ORDER BY started_at, id` : `${select} ORDER BY started_at DESC, id DESC LIMIT ?`;
    const params: SqlValue[] = options.limit === undefined ? [since] : [since, Math.max(0, Math.floor(options.limit))];
    const stmt = this.db.prepare(sql);
    const out: InteractionRef[] = [];
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const [id, sessionId, startedAt, link] = stmt.get();
        const ref: InteractionRef = { id: id as string, sessionId: (sessionId as string | null) ?? null, startedAt: Number(startedAt) };
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
    return items.map(({ id, from }) => this.contentOf(id, from, cache));
  }

  /** Per group (a session's turns, in order): the first turn whose new messages or outputs hold `text`, any case. */
  searchTurns(groups: readonly (readonly TurnContentRequest[])[], text: string): (TextHit | null)[] {
    const needle = text.toLowerCase();
    return groups.map((group) => {
      // One cache per group: a session's turns share their history, and the cache is dropped before the next.
      const cache = new ReadCache();
      for (const { id, from } of group) {
        const content = this.contentOf(id, from, cache);
        const found = content && findText(content, needle);
        if (found !== undefined) return { id, text: found };
      }
      return null;
    });
  }

  getExchange(id: string): Exchange | undefined {
    const stmt = this.db.prepare(
      `SELECT e.json, rb.data, sb.data FROM exchanges e
       LEFT JOIN blobs rb ON rb.hash = e.request_body_hash LEFT JOIN blobs sb ON sb.hash = e.response_body_hash
       WHERE e.id = ?`,
    );
    try {
      stmt.bind([id]);
      if (!stmt.step()) return undefined;
      const [json, requestData, responseData] = stmt.get();
      return this.inflateExchange(json as string, requestData, responseData, new ReadCache());
    } finally {
      stmt.free();
    }
  }

  counts(): { interactions: number; exchanges: number; blobs: number } {
    return {
      interactions: Number(this.scalar('SELECT count(*) FROM interactions')),
      exchanges: Number(this.scalar('SELECT count(*) FROM exchanges')),
      blobs: Number(this.scalar('SELECT count(*) FROM blobs')),
    };
  }

  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    this.chunks.close();
    this.db.close();
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
    // Body hash columns stay null: a packed body's chunks are named in its layout (the columns serve version-1 rows).
    this.db.run(
      `INSERT OR REPLACE INTO exchanges (id, started_at, state, method, url, status, request_headers, response_headers,
         request_body_hash, response_body_hash, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
      [
        exchange.id,
        exchange.startedAt,
        exchange.state,
        exchange.method,
        exchange.url,
        exchange.status ?? null,
        JSON.stringify(exchange.requestHeaders ?? {}),
        exchange.responseHeaders ? JSON.stringify(exchange.responseHeaders) : null,
        JSON.stringify(exchange),
      ],
    );
  }

  private writeInteraction(record: PackedInteractionEntry): void {
    this.writeExchange(record.exchange);
    const { exchange, ...rest } = record;
    this.db.run(
      `INSERT OR REPLACE INTO interactions (id, exchange_id, started_at, session_id, json) VALUES (?, ?, ?, ?, ?)`,
      [record.id, exchange.id, exchange.startedAt, record.placement?.sessionId ?? null, JSON.stringify(rest)],
    );
  }

  private query(sql: string, params: SqlValue[]): InteractionRecord[] {
    const stmt = this.db.prepare(sql);
    const out: InteractionRecord[] = [];
    // One cache per read: the records of a session share most of their history.
    const cache = new ReadCache();
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const [interactionJson, exchangeJson, requestData, responseData] = stmt.get();
        const exchange = this.inflateExchange(exchangeJson as string, requestData, responseData, cache);
        const stored = JSON.parse(interactionJson as string) as PackedInteraction | Omit<InteractionRecord, 'exchange'>;
        out.push('refs' in stored ? unpackInteraction(this.chunks, cache, stored, exchange) : { ...stored, exchange });
      }
    } finally {
      stmt.free();
    }
    return out;
  }

  /** Rows of both layouts: packed (version 2) bodies name their chunks, version-1 bodies come joined from `blobs`. */
  private inflateExchange(json: string, requestData: SqlValue, responseData: SqlValue, cache: ReadCache): Exchange {
    const stored = JSON.parse(json) as Omit<PackedExchange, 'requestBody' | 'responseBody'> & {
      requestBody?: V1Body | PackedExchange['requestBody'];
      responseBody?: V1Body | PackedExchange['responseBody'];
    };
    const body = (b: V1Body | PackedExchange['requestBody'], data: SqlValue): Body | undefined =>
      b === undefined ? undefined : isPackedBody(b) ? unpackBody(this.chunks, cache, b) : inflateV1Body(b, data);
    const { requestBody, responseBody, ...rest } = stored;
    const exchange: Exchange = { ...rest };
    const request = body(requestBody, requestData);
    const response = body(responseBody, responseData);
    if (request) exchange.requestBody = request;
    if (response) exchange.responseBody = response;
    return exchange;
  }

  private contentOf(id: string, from: number, cache: ReadCache): TurnContent | undefined {
    const stmt = this.db.prepare('SELECT json FROM interactions WHERE id = ?');
    try {
      stmt.bind([id]);
      if (!stmt.step()) return undefined;
      return turnContent(this.chunks, cache, JSON.parse(stmt.get()[0] as string) as PackedInteraction, from);
    } finally {
      stmt.free();
    }
  }

  private scalar(sql: string): SqlValue | undefined {
    return this.db.exec(sql)[0]?.values[0]?.[0];
  }
}

function inflateV1Body(stored: V1Body, data: SqlValue): Body {
  const { blob: _blob, ...meta } = stored;
  return { ...meta, data: typeof data === 'string' ? data : '' };
}

/**
 * Opens a database from snapshot bytes (or a fresh one) and migrates it forward. Throws CorruptDatabaseError when
 * the bytes are not a readable database; SchemaTooNewError passes through (a newer file is not a corrupt one).
 */
export function openCaptureDb(SQL: SqlJsStatic, bytes: Uint8Array | null, migrations: readonly Migration[]): CaptureDb {
  let db: Database;
  try {
    db = new SQL.Database(bytes && bytes.length > 0 ? bytes : undefined);
    // sql.js opens garbage without complaint; the first read of the schema is what fails.
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
  } catch (error) {
    throw new CorruptDatabaseError(`not a readable database: ${(error as Error).message}`, { cause: error });
  }
  // The database file lives in emscripten's in-memory FS and durability comes from our journal, so SQLite's own
  // rollback journal need not be a file: keeping it in memory halves the cost of each write.
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA foreign_keys = OFF');
  migrate(db, migrations);
  return new CaptureDb(db);
}
