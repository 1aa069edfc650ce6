// Chained hashes of a normalized history: element i is the identity of units[0..i]. Two histories share a prefix
// exactly when they share its chain hash, so "the longest known prefix" is a walk down one array of lookups.

import { chainHash, hashText, type Hash } from './content-hash';
import type { Unit } from './canonical-units';

export function chainFrom(base: Hash, units: readonly Unit[]): Hash[] {
  const chain: Hash[] = [];
  let previous = base;
  for (const unit of units) {
    previous = chainHash(previous, unit.hash);
    chain.push(previous);
  }
  return chain;
}

export function chainEnd(base: Hash, units: readonly Unit[]): Hash {
  const chain = chainFrom(base, units);
  return chain.length > 0 ? chain[chain.length - 1] : base;
}

/** Hash of a tool-call argument that may be a sub-agent's prompt. */
export function promptHash(text: string): Hash {
  return hashText(`prompt\u0000${text}`);
}
