// Every interaction and session id the catalog knows, numbered: the catalog's columns (turn-columns.ts,
// session-columns.ts) are indexed by these numbers, so an id is kept once however many turns, sessions and parents
// refer to it. A one-off call's turn and session share one id and so one number.
// Two choices keep an id small. Ids are found through an open-addressing table of 32-bit entries rather than a
// Map: a Map entry costs 24 to 56 bytes, a table entry 8 to 16. And a lowercase UUID (what the recorder gives every
// interaction) is kept as its 16 bytes, where its string would take 56; the string is rebuilt when asked for.

import { grown } from './grown';
import { ownCopy } from './own-copy';

const EMPTY = 0;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_BYTES = 16;
/** Where each byte's two hex digits are in a UUID string. */
const HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function hashOf(id: string): number {
  // FNV-1a over the UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const hexValue = (code: number) => (code <= 57 ? code - 48 : code - 87);

export class IdSlots {
  // One entry per number: the id, or undefined when it is a UUID kept in `uuids`.
  private readonly others: (string | undefined)[] = [];
  private uuids = new Uint8Array(UUID_BYTES * 256);
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
    const slot = this.others.length;
    if (UUID.test(id)) {
      this.uuids = grown(this.uuids, UUID_BYTES * (slot + 1));
      this.uuids.set(Buffer.from(id.replaceAll('-', ''), 'hex'), UUID_BYTES * slot);
      this.others.push(undefined);
    } else this.others.push(ownCopy(id));
    this.table[at] = slot + 1;
    if (2 * this.others.length > this.table.length) this.rehash();
    return slot;
  }

  idOf(slot: number): string {
    const other = this.others[slot];
    if (other !== undefined) return other;
    const hex = Buffer.from(this.uuids.buffer, this.uuids.byteOffset + UUID_BYTES * slot, UUID_BYTES).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  get size(): number {
    return this.others.length;
  }

  /** Whether the id is the one numbered `slot`, compared without building that number's id string. */
  private is(slot: number, id: string): boolean {
    const other = this.others[slot];
    if (other !== undefined) return other === id;
    // Checked first: outside [0-9a-f], a digit pair can still add up to a kept byte ("0g" to 0x10).
    if (id.length !== 36 || !UUID.test(id)) return false;
    const base = UUID_BYTES * slot;
    for (let i = 0; i < UUID_BYTES; i++) {
      const at = HEX_AT[i];
      if (this.uuids[base + i] !== ((hexValue(id.charCodeAt(at)) << 4) | hexValue(id.charCodeAt(at + 1)))) return false;
    }
    return true;
  }

  /** Where the id's entry is, or the free entry where it would go. */
  private probe(id: string): number {
    const mask = this.table.length - 1;
    let at = hashOf(id) & mask;
    for (;;) {
      const entry = this.table[at];
      if (entry === EMPTY || this.is(entry - 1, id)) return at;
      at = (at + 1) & mask;
    }
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let slot = 0; slot < this.others.length; slot++) this.table[this.probe(this.idOf(slot))] = slot + 1;
  }
}
