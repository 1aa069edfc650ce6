// Key-order independent identity of JSON-like values (tool arguments, tool lists, parameters), hashed as it is
// walked instead of serialized first: re-sent tool calls are a large share of an agent's history.

import type { Hasher } from './hash128';

const NULL = 1;
const TRUE = 2;
const FALSE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
const OBJECT = 7;

/**
 * Appends the identity of `value`. Strings that hold JSON objects or arrays are parsed first, so tool arguments
 * compare equal whether a client echoes them as a string or as an object, with any whitespace or key order. Equal
 * exactly when their JSON would be equal: undefined members are left out, undefined items and non-finite numbers
 * count as null.
 */
export function hashJson(hasher: Hasher, value: unknown): Hasher {
  if (typeof value === 'string') {
    const parsed = parseJsonContainer(value);
    return parsed === undefined ? hasher.word(STRING).string(value) : hashJson(hasher, parsed);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? hasher.word(NUMBER).string(String(value)) : hasher.word(NULL);
  }
  if (typeof value === 'boolean') return hasher.word(value ? TRUE : FALSE);
  if (Array.isArray(value)) {
    hasher.word(ARRAY).word(value.length);
    for (const item of value) hashJson(hasher, item);
    return hasher;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    hasher.word(OBJECT).word(keys.length);
    for (const key of keys) hashJson(hasher.string(key), record[key]);
    return hasher;
  }
  return hasher.word(NULL);
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
