// One line of the journal: a whole record as it was put, tagged with a sequence number. The sequence number orders
// replay and tells which lines a snapshot already contains (the snapshot stores the last one it applied).
//
// Since schema version 2 the writer journals records packed (`px`, `pi`): the record refers to chunks and list nodes
// by hash, and the line carries only those not already in the journal or the database (`c`, `n`), so a line of a
// long session holds its new messages, not its whole history. `x` and `i` lines, from older versions, still replay.

import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { NewContent, PackedExchange } from './packed-record';
import type { PackedInteractionEntry } from './record-pack';

export type JournalEntry =
  | { s: number; k: 'x'; v: Exchange }
  | { s: number; k: 'i'; v: InteractionRecord }
  | ({ s: number; k: 'px'; v: PackedExchange } & NewContent)
  | ({ s: number; k: 'pi'; v: PackedInteractionEntry } & NewContent);

const KINDS = new Set(['x', 'i', 'px', 'pi']);

export function encodeEntry(entry: JournalEntry): string {
  return JSON.stringify(entry) + '\n';
}

/** Parses one line; returns undefined for anything that is not a well-formed entry (a torn or corrupt line). */
export function decodeEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { s, k, v, c, n } = value as { s?: unknown; k?: unknown; v?: unknown; c?: unknown; n?: unknown };
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || typeof k !== 'string' || !KINDS.has(k)) return undefined;
  if (typeof v !== 'object' || v === null || typeof (v as { id?: unknown }).id !== 'string') return undefined;
  if (k.startsWith('p') && (!Array.isArray(c) || !Array.isArray(n))) return undefined;
  return value as JournalEntry;
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** 1-based line numbers (within their text) that could not be read, excluding an unterminated last line. */
  badLines: number[];
  /** True when the text ended in an unterminated line that did not parse: a write cut short, expected after a crash. */
  tornTail: boolean;
}

export function parseJournalText(text: string): ParsedJournal {
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  const badLines: number[] = [];
  let tornTail = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const entry = decodeEntry(line);
    if (entry) entries.push(entry);
    else if (i === lines.length - 1) tornTail = true;
    else badLines.push(i + 1);
  });
  return { entries, badLines, tornTail };
}
