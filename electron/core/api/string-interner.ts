// One copy of each of the strings that repeat across many records (URLs, provider and model names), so a
// structure kept per interaction does not hold a copy per interaction. Bounded: past `capacity` distinct values a
// string is returned as it is, so a value that never repeats (a URL with a request id) cannot grow the table.

export function createInterner(capacity = 10_000): (value: string) => string {
  const table = new Map<string, string>();
  return (value) => {
    const known = table.get(value);
    if (known !== undefined) return known;
    if (table.size < capacity) table.set(value, value);
    return value;
  };
}

/**
 * A string that holds only its own characters. V8 may return a piece of a larger string (a slice of a parsed
 * request body, a chain of concatenations) as a view that keeps the whole of it alive; a string kept per
 * interaction must not keep that interaction's body.
 */
export function ownCopy(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}
