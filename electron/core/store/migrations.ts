// Forward-only schema migrations. The version lives in SQLite's own `PRAGMA user_version`, so it travels inside the
// snapshot file; each migration runs in its own transaction and bumps the version, so a crash mid-way leaves the
// database at the last fully applied version. Never edit a released migration: append a new one.
//
// The journal is independent of the schema (it holds whole records as JSON), so a journal written by an older
// version replays into a migrated database unchanged.

import type { Database } from 'sql.js';
import { migrateToRecords } from './migrate-to-records';

export interface Migration {
  version: number;
  name: string;
  /** SQL (plain data, so extra migrations can be posted to the database worker) or code for data rewrites. */
  up: string | ((db: Database) => void);
}

/**
 * Version 1. Bodies live in `blobs`, keyed by the SHA-256 of their text, so identical request/response bodies are
 * stored once; the next schema step can content-address normalized messages the same way. Each row also keeps the
 * record's JSON (without body data) so reads never depend on every field having a column.
 */
const V1_SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE blobs (hash TEXT PRIMARY KEY, data TEXT NOT NULL, size INTEGER NOT NULL);
  CREATE TABLE exchanges (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    request_headers TEXT NOT NULL,
    response_headers TEXT,
    request_body_hash TEXT REFERENCES blobs(hash),
    response_body_hash TEXT REFERENCES blobs(hash),
    json TEXT NOT NULL
  );
  CREATE INDEX exchanges_started_at ON exchanges (started_at, id);
  CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    exchange_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    session_id TEXT,
    json TEXT NOT NULL
  );
  CREATE INDEX interactions_started_at ON interactions (started_at, id);
  CREATE INDEX interactions_session ON interactions (session_id);
`;

/**
 * Version 2: storage grows with unique content (ARCHITECTURE §7 (2)). Rows written from now on are packed
 * (packed-record.ts): request bodies are a skeleton plus chunks, histories are lists of chunks kept as shared node
 * chains in `list_nodes`, and chunks may be deflated (`codec` 1). Version-1 rows stay as they are and read back
 * unchanged: their bodies keep their `blobs` rows (codec 0, text) and their JSON has no `refs`.
 */
const V2_CONTENT_ADDRESSED = `
  ALTER TABLE blobs ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE list_nodes (hash TEXT PRIMARY KEY, parent TEXT, items TEXT NOT NULL);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: V1_SCHEMA },
  { version: 2, name: 'content-addressed chunks and history lists', up: V2_CONTENT_ADDRESSED },
  // Version 3: one deflated row per record (record-row.ts, migrate-to-records.ts).
  { version: 3, name: 'one compressed row per record', up: migrateToRecords },
];

export function schemaVersion(db: Database): number {
  return Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}

/** Thrown when the file was written by a newer Threadtap: it is not corrupt, so it must not be moved aside. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`the database has schema version ${found}; this Threadtap knows up to ${known}`);
    this.name = 'SchemaTooNewError';
  }
}

/** Applies every migration above the database's version, in order. Returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const current = schemaVersion(db);
  const latest = ordered.length;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const m of ordered.slice(current)) {
    db.run('BEGIN');
    try {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we produced.
      db.run(`PRAGMA user_version = ${m.version}`);
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(m.version);
  }
  return applied;
}
