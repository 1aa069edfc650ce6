// One line of the journal: a whole record as it was put, tagged with a sequence number. The sequence number orders
// replay and tells which lines a snapshot already contains (the snapshot stores the last one it applied).

import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';

export type JournalEntry = { s: number; k: 'x'; v: Exchange } | { s: number; k: 'i'; v: InteractionRecord };

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
  const { s, k, v } = value as { s?: unknown; k?: unknown; v?: unknown };
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || (k !== 'x' && k !== 'i')) return undefined;
  if (typeof v !== 'object' || v === null || typeof (v as { id?: unknown }).id !== 'string') return undefined;
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
