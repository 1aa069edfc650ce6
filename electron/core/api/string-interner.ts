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
