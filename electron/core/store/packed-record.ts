// The stored shape of records since schema version 2 (ARCHITECTURE §7 (2): storage grows with unique content).
// Bodies and the repeated parts of a parse are replaced by references to chunks and lists of chunks; the record
// rows keep only what is unique to the interaction. Journal lines carry the same shape plus the chunks and nodes
// that the journal or database do not hold yet, so a journal line no longer repeats the session's history either.

import type { Body, Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { ParsedExchange } from '../../../shared/normalized';
import type { ChunkHash, ListNode } from './chunk-list';

/** A hole in a JSON skeleton: `[at, chunk]` for a whole value, `[at, open, sep, close, list root]` for an array. */
export type HoleRef = [at: number, chunk: ChunkHash] | [at: number, open: string, sep: string, close: string, root: ChunkHash];

/** How a body's text is stored: one chunk, or a JSON skeleton (small, inline) with its holes. */
export type BodyLayout = { chunk: ChunkHash } | { skeleton: string; holes: HoleRef[] };

export type PackedBody = Omit<Body, 'data'> & { layout: BodyLayout };

export type PackedExchange = Omit<Exchange, 'requestBody' | 'responseBody'> & {
  requestBody?: PackedBody;
  responseBody?: PackedBody;
};

/** Where the parse's bulky parts went. Lists hold one JSON text per element. */
export interface ParsedRefs {
  messages?: ChunkHash;
  tools?: ChunkHash;
  response?: ChunkHash;
  streamEvents?: ChunkHash;
}

/** The interaction row: the record minus its exchange, with the parse's bulky parts moved out into `refs`. */
export type PackedInteraction = Omit<InteractionRecord, 'exchange' | 'parsed'> & { parsed: ParsedExchange; refs: ParsedRefs };

/** New content that a packed record refers to: chunks as [hash, text], list nodes as [hash, parent, items]. */
export interface NewContent {
  c: [ChunkHash, string][];
  n: [ChunkHash, ChunkHash | null, string[]][];
}

export function nodeTuple(node: ListNode): NewContent['n'][number] {
  return [node.hash, node.parent, node.items];
}
