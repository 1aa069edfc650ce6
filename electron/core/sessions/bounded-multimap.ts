// A hash -> interaction ids map that keeps only the most recent few ids per key. Popular keys ("hi" answered by
// "Hello!" in a thousand sessions) would otherwise make a lookup cost grow with the store; the newest candidates are
// the ones that matter for placement, and older ones are still reachable through their own sessions.
// Most keys (the hash of one request, of one answer) only ever hold one value: it is stored as itself, not in a
// one-element array (56 bytes saved per key, and the index holds several keys per interaction).

export const CANDIDATES_PER_KEY = 8;

/** Values are interaction ids or small records, never arrays (an array marks a key holding several). */
export class BoundedMultiMap<T extends string | object> {
  private readonly entries = new Map<string, T | T[]>();

  constructor(
    private readonly onLookup: () => void,
    private readonly limit = CANDIDATES_PER_KEY,
  ) {}

  get(key: string): readonly T[] {
    this.onLookup();
    const held = this.entries.get(key);
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }

  add(key: string, value: T): void {
    const held = this.entries.get(key);
    if (held === undefined) {
      this.entries.set(key, value);
      return;
    }
    if (!Array.isArray(held)) {
      if (held !== value) this.entries.set(key, this.limit > 1 ? [held, value] : value);
      return;
    }
    if (held.includes(value)) return;
    held.push(value);
    if (held.length > this.limit) held.shift();
  }

  remove(key: string, value: T): void {
    const held = this.entries.get(key);
    if (held === undefined) return;
    if (!Array.isArray(held)) {
      if (held === value) this.entries.delete(key);
      return;
    }
    const at = held.indexOf(value);
    if (at >= 0) held.splice(at, 1);
    if (held.length === 0) this.entries.delete(key);
    else if (held.length === 1) this.entries.set(key, held[0]);
  }

  get size(): number {
    return this.entries.size;
  }
}
