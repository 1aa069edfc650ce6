// Exchange ids are UUIDs in version 7's layout (RFC 9562): the first 48 bits are the creation time in
// milliseconds, the other 74 free bits random. The store keys its records by id, and SQLite fills the pages of a
// b-tree whose keys arrive in order, where random (version 4) keys split pages all over it and left them about
// 70% full. Ids stay unique and unguessable; they now also sort by creation time, which the records already carry.

import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16;
// Random bytes drawn in blocks, as `randomUUID` does: one call into OpenSSL per 256 ids.
const pool = Buffer.alloc(ID_BYTES * 256);
let used = pool.length;

export function timeOrderedId(now: number = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + ID_BYTES);
  used += ID_BYTES;
  // 48-bit big-endian milliseconds.
  bytes.writeUIntBE(Math.max(0, Math.floor(now)) % 2 ** 48, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
