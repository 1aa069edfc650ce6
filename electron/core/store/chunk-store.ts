// The database side of content addressing: chunk rows in `blobs` (deflated when that pays), list nodes in
// `list_nodes`. Every write is insert-if-absent, so replaying a journal line or re-sending a chunk is harmless.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database, SqlValue, Statement } from 'sql.js';
import { EMPTY_LIST, type ChunkHash } from './chunk-list';
import type { NewContent } from './packed-record';

/** `blobs.codec`: how `data` holds the text. */
const CODEC_TEXT = 0;
const CODEC_DEFLATE = 1;
/** Below this deflate saves too little to be worth its time. */
const COMPRESS_MIN = 256;

/** Decoded texts and nodes of one read: records of one session share most of their chunks. */
export class ReadCache {
  readonly chunks = new Map<ChunkHash, string | undefined>();
  readonly nodes = new Map<ChunkHash, { parent: ChunkHash | null; items: string[] } | undefined>();
}

export class ChunkStore {
  private readonly hasChunkStmt: Statement;
  private readonly putChunkStmt: Statement;
  private readonly getChunkStmt: Statement;
  private readonly hasNodeStmt: Statement;
  private readonly putNodeStmt: Statement;
  private readonly getNodeStmt: Statement;

  constructor(db: Database) {
    this.hasChunkStmt = db.prepare('SELECT 1 FROM blobs WHERE hash = ?');
    this.putChunkStmt = db.prepare('INSERT OR IGNORE INTO blobs (hash, data, size, codec) VALUES (?, ?, ?, ?)');
    this.getChunkStmt = db.prepare('SELECT data, codec FROM blobs WHERE hash = ?');
    this.hasNodeStmt = db.prepare('SELECT 1 FROM list_nodes WHERE hash = ?');
    this.putNodeStmt = db.prepare('INSERT OR IGNORE INTO list_nodes (hash, parent, items) VALUES (?, ?, ?)');
    this.getNodeStmt = db.prepare('SELECT parent, items FROM list_nodes WHERE hash = ?');
  }

  /** Stores chunks and nodes not yet present. */
  put(content: NewContent): void {
    for (const [hash, text] of content.c) {
      if (row(this.hasChunkStmt, [hash])) continue;
      const { data, codec } = encode(text);
      run(this.putChunkStmt, [hash, data, text.length, codec]);
    }
    for (const [hash, parent, items] of content.n) run(this.putNodeStmt, [hash, parent, JSON.stringify(items)]);
  }

  hasNode(hash: ChunkHash): boolean {
    return row(this.hasNodeStmt, [hash]) !== undefined;
  }

  chunk(hash: ChunkHash, cache: ReadCache): string | undefined {
    if (cache.chunks.has(hash)) return cache.chunks.get(hash);
    const found = row(this.getChunkStmt, [hash]);
    const text = found ? decode(found[0], Number(found[1])) : undefined;
    cache.chunks.set(hash, text);
    return text;
  }

  /** The item texts of a list, or undefined when a node or chunk is missing (a journal that lost its database). */
  list(root: ChunkHash, cache: ReadCache): string[] | undefined {
    return this.listTail(root, cache, Number.POSITIVE_INFINITY);
  }

  /**
   * The last `count` item texts of a list (all of them when it is shorter). Nodes are chained from the end, so only
   * the nodes that hold those items are read: a turn's new messages cost what they are, not its whole history.
   */
  listTail(root: ChunkHash, cache: ReadCache, count: number): string[] | undefined {
    const refsReversed: string[][] = [];
    let collected = 0;
    for (let hash: ChunkHash | null = root; hash !== null && hash !== EMPTY_LIST && collected < count; ) {
      let node = cache.nodes.get(hash);
      if (!cache.nodes.has(hash)) {
        const found = row(this.getNodeStmt, [hash]);
        node = found ? { parent: found[0] as string | null, items: JSON.parse(found[1] as string) as string[] } : undefined;
        cache.nodes.set(hash, node);
      }
      if (!node) return undefined;
      refsReversed.push(node.items);
      collected += node.items.length;
      hash = node.parent;
    }
    const refs = refsReversed.reverse().flat();
    const items: string[] = [];
    for (const ref of refs.slice(Math.max(0, refs.length - count))) {
      const text = ref.startsWith('=') ? ref.slice(1) : this.chunk(ref, cache);
      if (text === undefined) return undefined;
      items.push(text);
    }
    return items;
  }

  close(): void {
    for (const stmt of [this.hasChunkStmt, this.putChunkStmt, this.getChunkStmt, this.hasNodeStmt, this.putNodeStmt, this.getNodeStmt]) stmt.free();
  }
}

function encode(text: string): { data: SqlValue; codec: number } {
  if (text.length < COMPRESS_MIN) return { data: text, codec: CODEC_TEXT };
  const raw = Buffer.from(text, 'utf8');
  const packed = deflateRawSync(raw);
  if (packed.length > raw.length * 0.9) return { data: text, codec: CODEC_TEXT };
  return { data: new Uint8Array(packed.buffer, packed.byteOffset, packed.length), codec: CODEC_DEFLATE };
}

function decode(data: SqlValue, codec: number): string | undefined {
  if (codec === CODEC_DEFLATE && data instanceof Uint8Array) return inflateRawSync(data).toString('utf8');
  return typeof data === 'string' ? data : undefined;
}

function row(stmt: Statement, params: SqlValue[]): SqlValue[] | undefined {
  try {
    stmt.bind(params);
    return stmt.step() ? stmt.get() : undefined;
  } finally {
    stmt.reset();
  }
}

function run(stmt: Statement, params: SqlValue[]): void {
  try {
    stmt.run(params);
  } finally {
    stmt.reset();
  }
}
