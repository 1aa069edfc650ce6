// Chained hashes of a normalized history: element i is the identity of units[0..i]. Two histories share a prefix
// exactly when they share its chain hash, so "the longest known prefix" is a walk down one array of lookups.

import { Hasher, hashText, type Hash } from './hash128';
import type { Unit } from './canonical-units';

const LINK = 0x6c696e6b;

export const CHAIN_ROOT: Hash = hashText('threadtap:chain-root');

/** One link: the hash of a sequence is the hash of its predecessor with the next element. */
export function chainHash(previous: Hash, element: Hash): Hash {
  return new Hasher(LINK).string(previous).string(element).digest();
}

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
