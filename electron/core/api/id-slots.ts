// Every interaction and session id the catalog knows, numbered: the catalog's columns (turn-columns.ts,
// session-columns.ts) are indexed by these numbers, so an id is kept once however many turns, sessions and parents
// refer to it. A one-off call's turn and session share one id and so one number.
// The numbers are found through an open-addressing table of 32-bit entries rather than a Map: a Map entry costs
// 24 to 56 bytes, a table entry 8 to 16.

import { ownCopy } from './own-copy';

const EMPTY = 0;

function hashOf(id: string): number {
  // FNV-1a over the UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class IdSlots {
  private readonly ids: string[] = [];
  // Each entry is a number + 1 (EMPTY: free); kept at most half full so that probes stay short.
  private table = new Int32Array(1024);

  find(id: string): number | undefined {
    const entry = this.table[this.probe(id)];
    return entry === EMPTY ? undefined : entry - 1;
  }

  /** The id's number, given it one if it has none. */
  slotOf(id: string): number {
    const at = this.probe(id);
    if (this.table[at] !== EMPTY) return this.table[at] - 1;
    const slot = this.ids.length;
    this.ids.push(ownCopy(id));
    this.table[at] = slot + 1;
    if (2 * this.ids.length > this.table.length) this.rehash();
    return slot;
  }

  idOf(slot: number): string {
    return this.ids[slot];
  }

  get size(): number {
    return this.ids.length;
  }

  /** Where the id's entry is, or the free entry where it would go. */
  private probe(id: string): number {
    const mask = this.table.length - 1;
    let at = hashOf(id) & mask;
    for (;;) {
      const entry = this.table[at];
      if (entry === EMPTY || this.ids[entry - 1] === id) return at;
      at = (at + 1) & mask;
    }
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.ids.forEach((id, slot) => {
      this.table[this.probe(id)] = slot + 1;
    });
  }
}
