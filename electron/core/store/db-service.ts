// What the database owner answers: open (snapshot + journal replay), apply journal lines, queries, export. One
// request type for both hosts, so the worker and the in-process host run exactly the same code.

import initSqlJs from 'sql.js';
import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import { CaptureDb, CorruptDatabaseError, openCaptureDb, type InteractionCursor } from './capture-db';
import type { InteractionRef, ListOptions } from './capture-store';
import { decodeEntry, parseJournalText, type JournalEntry } from './journal-entry';
import { MIGRATIONS, type Migration } from './migrations';
import type { TextHit, TurnContent, TurnContentRequest } from './turn-content';

export interface JournalText {
  name: string;
  text: string;
}

export interface OpenRequest {
  /** Snapshot file contents, or null when there is none. */
  snapshot: Uint8Array | null;
  /** Journal segments, oldest first. */
  journals: JournalText[];
  /** Appended after the built-in migrations (tests prove the mechanism with these). SQL only: it crosses threads. */
  extraMigrations?: { version: number; name: string; up: string }[];
}

export interface OpenResult {
  /** Set when the snapshot bytes were unreadable and the database started empty instead. */
  corrupt?: string;
  lastSeq: number;
  replayed: number;
  schemaVersion: number;
  warnings: string[];
}

export interface ExportResult {
  bytes: Uint8Array;
  /** The last journal sequence number the bytes contain. */
  seq: number;
  exportMs: number;
}

export type DbRequest =
  | { op: 'open'; args: OpenRequest }
  | { op: 'apply'; args: { lines: string[] } }
  | { op: 'getInteraction'; args: { id: string } }
  | { op: 'listInteractions'; args: ListOptions }
  | { op: 'interactionPage'; args: { since?: number; after?: InteractionCursor; limit: number; outline?: boolean } }
  | { op: 'listInteractionRefs'; args: ListOptions }
  | { op: 'getExchange'; args: { id: string } }
  | { op: 'turnContents'; args: { items: TurnContentRequest[] } }
  | { op: 'searchTurns'; args: { groups: TurnContentRequest[][]; text: string } }
  | { op: 'counts'; args: Record<string, never> }
  | { op: 'export'; args: Record<string, never> }
  | { op: 'close'; args: Record<string, never> };

export interface DbResults {
  open: OpenResult;
  apply: { applied: number; warnings: string[] };
  getInteraction: InteractionRecord | undefined;
  listInteractions: InteractionRecord[];
  interactionPage: InteractionRecord[];
  listInteractionRefs: InteractionRef[];
  getExchange: Exchange | undefined;
  turnContents: (TurnContent | undefined)[];
  searchTurns: (TextHit | null)[];
  counts: { interactions: number; exchanges: number; blobs: number; lastSeq: number };
  export: ExportResult;
  close: void;
}

export class DbService {
  private db: CaptureDb | undefined;
  // Compiling sql.js's WebAssembly is most of the open time; start it before the first request arrives.
  private readonly sql = initSqlJs();

  constructor() {
    // Marks a load failure as handled here; `open` still sees it when it awaits.
    this.sql.catch(() => undefined);
  }

  async handle(request: DbRequest): Promise<DbResults[DbRequest['op']]> {
    if (request.op === 'open') return this.open(request.args);
    const db = this.db;
    if (!db) throw new Error(`database not open (${request.op})`);
    switch (request.op) {
      case 'apply':
        return applyLines(db, request.args.lines);
      case 'getInteraction':
        return db.getInteraction(request.args.id);
      case 'listInteractions':
        return db.listInteractions(request.args);
      case 'interactionPage':
        return db.interactionPage(request.args.since, request.args.after, request.args.limit, { outline: request.args.outline });
      case 'listInteractionRefs':
        return db.listInteractionRefs(request.args);
      case 'getExchange':
        return db.getExchange(request.args.id);
      case 'turnContents':
        return db.turnContents(request.args.items);
      case 'searchTurns':
        return db.searchTurns(request.args.groups, request.args.text);
      case 'counts':
        return { ...db.counts(), lastSeq: db.lastSeq };
      case 'export': {
        const started = performance.now();
        const bytes = db.export();
        return { bytes, seq: db.lastSeq, exportMs: performance.now() - started };
      }
      case 'close':
        db.close();
        this.db = undefined;
        return;
      default: {
        const never: never = request;
        throw new Error(`unknown request ${JSON.stringify(never)}`);
      }
    }
  }

  private async open(request: OpenRequest): Promise<OpenResult> {
    const SQL = await this.sql;
    const migrations: Migration[] = [...MIGRATIONS, ...(request.extraMigrations ?? [])];
    let corrupt: string | undefined;
    let db: CaptureDb;
    try {
      db = openCaptureDb(SQL, request.snapshot, migrations);
    } catch (error) {
      if (!(error instanceof CorruptDatabaseError)) throw error;
      corrupt = error.message;
      db = openCaptureDb(SQL, null, migrations);
    }
    const warnings: string[] = [];
    const entries: JournalEntry[] = [];
    for (const journal of request.journals) {
      const parsed = parseJournalText(journal.text);
      if (parsed.badLines.length > 0) {
        warnings.push(`skipped ${parsed.badLines.length} unreadable journal line(s) in ${journal.name} (line ${parsed.badLines.slice(0, 5).join(', ')})`);
      }
      // Not a spread: past about 120,000 arguments it overflows the stack.
      for (const entry of parsed.entries) entries.push(entry);
    }
    // Segments are already in order; sorting also orders lines if a segment was ever appended out of order.
    entries.sort((a, b) => a.s - b.s);
    const replayed = db.apply(entries);
    this.db = db;
    const schemaVersion = migrations.length;
    return { corrupt, lastSeq: db.lastSeq, replayed, schemaVersion, warnings };
  }
}

function applyLines(db: CaptureDb, lines: string[]): { applied: number; warnings: string[] } {
  const entries: JournalEntry[] = [];
  const warnings: string[] = [];
  for (const line of lines) {
    const entry = decodeEntry(line);
    if (entry) entries.push(entry);
    else warnings.push(`a record could not be applied: ${line.slice(0, 80)}`);
  }
  return { applied: db.apply(entries), warnings };
}
