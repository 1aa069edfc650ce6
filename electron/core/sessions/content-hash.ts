// Content identity for reconstruction. A cryptographic digest keeps accidental collisions out of the picture when
// millions of messages are indexed; node:crypto is computation, not I/O, so the engine stays sans-IO.

import { hash } from 'node:crypto';

export type Hash = string;

/** Digest of one string; base64 keeps Map keys short. The one-shot `hash` is about twice as fast as a Hash object,
 * which matters because every message of every request is hashed. */
export function hashText(text: string): Hash {
  return hash('sha1', text, 'base64');
}

/** One link of a chain: the hash of a sequence is the hash of its predecessor with the next element. */
export function chainHash(previous: Hash, element: Hash): Hash {
  return hashText(`${previous}\u0000${element}`);
}

export const CHAIN_ROOT: Hash = hashText('threadtap:chain-root');

/**
 * Key-order independent JSON. Strings that hold JSON objects or arrays are parsed first, so tool arguments compare
 * equal whether a client echoes them as a string or as an object, with any whitespace or key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

function canonicalValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const parsed = parseJsonContainer(value);
    return parsed === undefined ? value : canonicalValue(parsed);
  }
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonicalValue(item);
    }
    return out;
  }
  return value ?? null;
}

function parseJsonContainer(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** Arguments as an object when they are JSON text, else as they came. */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseJsonContainer(value);
  return parsed === undefined ? value : parsed;
}
