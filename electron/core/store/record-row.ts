// One row per record since schema version 3: the packed exchange and, once parsed, the packed interaction, as one
// JSON text deflated against a preset dictionary (record-dictionary.ts). Before, a small record took two rows of
// plain JSON, its headers a second time in their own columns, and three indexes; most of a small record is the
// same keys and header values as every other record, which the dictionary turns into a few bytes.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SqlValue } from 'sql.js';
import type { PackedExchange, PackedInteraction } from './packed-record';
import { RECORD_DICTIONARY_1 } from './record-dictionary';

/** `records.codec`: how `data` holds the row's JSON. Never reuse a number: old rows keep theirs. */
const CODEC_DEFLATE_DICTIONARY_1 = 1;

export interface RecordRow {
  x: PackedExchange;
  /** Absent while the exchange has not been parsed into an interaction. */
  i?: PackedInteraction;
}

export function encodeRow(row: RecordRow): { codec: number; data: Uint8Array } {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(row), 'utf8'), { dictionary: RECORD_DICTIONARY_1 });
  return { codec: CODEC_DEFLATE_DICTIONARY_1, data: new Uint8Array(packed.buffer, packed.byteOffset, packed.length) };
}

export function decodeRow(data: SqlValue, codec: number): RecordRow {
  if (codec !== CODEC_DEFLATE_DICTIONARY_1 || !(data instanceof Uint8Array)) throw new Error(`unknown record codec ${codec}`);
  return JSON.parse(inflateRawSync(data, { dictionary: RECORD_DICTIONARY_1 }).toString('utf8')) as RecordRow;
}

/**
 * `records.session`: null until placed, '' when the session is the record's own id (every first turn, and most
 * rows of a store of one-off calls), else the session id.
 */
export function sessionColumn(id: string, sessionId: string | undefined): string | null {
  if (sessionId === undefined) return null;
  return sessionId === id ? '' : sessionId;
}

export function sessionFromColumn(id: string, value: SqlValue): string | null {
  if (value === null || value === undefined) return null;
  return value === '' ? id : String(value);
}
