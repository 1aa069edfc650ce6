// What the writer has already journaled, by hash, so a put can leave out chunks and list nodes that an earlier
// journal line (or the database it was folded into) already holds. Bounded: a forgotten hash only means its text
// is journaled once more, which the database ignores. Least recently used goes first, and each put of a session
// looks up the node its history ended on the turn before (chunk-list.ts: known nodes imply their whole prefix), so
// an active session stays known however long ago it began. The bound only has to cover the sessions active at
// once, not everything captured since start: at ~90 bytes a hash, 200,000 were 18 MB held for good.

export class KnownContent {
  private readonly seen = new Map<string, true>();

  constructor(private readonly capacity = 20_000) {}

  has = (hash: string): boolean => {
    if (!this.seen.has(hash)) return false;
    // Refresh: the oldest entries are the ones forgotten first.
    this.seen.delete(hash);
    this.seen.set(hash, true);
    return true;
  };

  /** Call only once the line that carries these is queued for the journal, never before. */
  addAll(hashes: readonly string[]): void {
    for (const hash of hashes) this.seen.set(hash, true);
    while (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
  }

  get size(): number {
    return this.seen.size;
  }
}
