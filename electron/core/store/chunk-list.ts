// Content addressing for the store: chunks (pieces of text keyed by their hash) and lists of chunks kept as chains
// of nodes, so a list that extends an earlier one (this turn's history = last turn's history + two messages) stores
// only its new tail.
//
// A list's identity is a chained hash, c_i = H(c_{i-1}, item_i). Node boundaries are content-defined: a node ends
// after item i when c_i happens to end in the right bits (about one item in four), or when a node is full. Because a
// boundary depends only on the prefix up to it, two lists that share a prefix share every node inside it, even when
// their last items differ (a client that moves a cache marker onto the newest messages each turn rewrites those,
// yet everything before them is found again). Each list adds one partial tail node of a few items.

import { hash } from 'node:crypto';

export type ChunkHash = string;

/** One stored node: the chain hash at its end (its key), the chain hash at its start (null at the list's start). */
export interface ListNode {
  hash: ChunkHash;
  parent: ChunkHash | null;
  /** Item references: a chunk hash, or `=` followed by the text of an item too small to be worth a chunk. */
  items: string[];
}

/** The hash a list of zero items has; such a list has no node. */
export const EMPTY_LIST: ChunkHash = '';
/** Items shorter than this live inside their node; a chunk row would cost more than the text. */
export const INLINE_ITEM_MAX = 48;
const NODE_MAX_ITEMS = 32;

/** 128 bits of SHA-256 in base64url: short keys for the millions of chunks a large store holds; no collisions in practice. */
export function contentHash(text: string): ChunkHash {
  return hash('sha256', text, 'base64url').slice(0, 22);
}

export interface BuiltList {
  root: ChunkHash;
  nodes: ListNode[];
  /** Items stored as chunks, with their hashes. */
  chunks: [ChunkHash, string][];
}

/**
 * The nodes of `items`, first to last. `isKnown(node hash)` lets the caller stop early: when a boundary node is
 * already stored, so are all nodes before it (they were written together), and only later ones are returned.
 */
export function buildList(items: readonly string[], isKnown: (hash: ChunkHash) => boolean = () => false): BuiltList {
  const chain: ChunkHash[] = [];
  const refs: string[] = [];
  const itemHashes: ChunkHash[] = [];
  let c = EMPTY_LIST;
  for (const item of items) {
    const h = contentHash(item);
    itemHashes.push(h);
    refs.push(item.length < INLINE_ITEM_MAX ? `=${item}` : h);
    c = contentHash(`${c}\u0000${h}`);
    chain.push(c);
  }
  // Node ends: content-defined boundaries plus the list's own end.
  const ends: number[] = [];
  let sinceLast = 0;
  for (let i = 0; i < chain.length; i++) {
    sinceLast++;
    if (i === chain.length - 1 || sinceLast >= NODE_MAX_ITEMS || isBoundary(chain[i])) {
      ends.push(i);
      sinceLast = 0;
    }
  }
  // Walk back from the end to the last node already known.
  let firstNew = 0;
  for (let k = ends.length - 1; k >= 0; k--) {
    if (isKnown(chain[ends[k]])) {
      firstNew = k + 1;
      break;
    }
  }
  const nodes: ListNode[] = [];
  const chunks: [ChunkHash, string][] = [];
  for (let k = firstNew; k < ends.length; k++) {
    const start = k === 0 ? 0 : ends[k - 1] + 1;
    const end = ends[k];
    nodes.push({ hash: chain[end], parent: start === 0 ? null : chain[start - 1], items: refs.slice(start, end + 1) });
    for (let i = start; i <= end; i++) if (!refs[i].startsWith('=')) chunks.push([itemHashes[i], items[i]]);
  }
  return { root: chain.length === 0 ? EMPTY_LIST : chain[chain.length - 1], nodes, chunks };
}

/** About one position in four; base64url's last character carries 6 fresh bits. */
function isBoundary(hash: ChunkHash): boolean {
  return (hash.charCodeAt(hash.length - 1) & 3) === 0;
}
