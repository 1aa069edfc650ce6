// A hash -> interaction ids map that keeps only the most recent few ids per key. Popular keys ("hi" answered by
// "Hello!" in a thousand sessions) would otherwise make a lookup cost grow with the store; the newest candidates are
// the ones that matter for placement, and older ones are still reachable through their own sessions.

export const CANDIDATES_PER_KEY = 8;

export class BoundedMultiMap<T> {
  private readonly entries = new Map<string, T[]>();

  constructor(
    private readonly onLookup: () => void,
    private readonly limit = CANDIDATES_PER_KEY,
  ) {}

  get(key: string): readonly T[] {
    this.onLookup();
    return this.entries.get(key) ?? [];
  }

  add(key: string, value: T): void {
    const list = this.entries.get(key);
    if (!list) {
      this.entries.set(key, [value]);
      return;
    }
    if (list.includes(value)) return;
    list.push(value);
    if (list.length > this.limit) list.shift();
  }

  remove(key: string, value: T): void {
    const list = this.entries.get(key);
    if (!list) return;
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
