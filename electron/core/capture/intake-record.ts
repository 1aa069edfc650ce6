// One finished exchange as the intake journal writes it: a JSON header line (the exchange without its body texts,
// and each text's length in bytes), then the texts' raw UTF-8 bytes, then a newline. The bodies are copied as they
// are instead of being escaped into JSON: an agent's request body is often hundreds of kilobytes of JSON itself, and
// escaping it would cost the proxy's thread several times a copy.

import type { Body, Exchange } from '../../../shared/exchange';

const BODIES = ['requestBody', 'responseBody'] as const;
const NEWLINE = Buffer.from('\n');

/** The buffers to append, in order. */
export function encodeIntakeRecord(seq: number, exchange: Exchange): Buffer[] {
  const texts: Buffer[] = [];
  const header: Exchange = { ...exchange };
  const lengths: (number | null)[] = [];
  for (const field of BODIES) {
    const body = exchange[field];
    if (!body) {
      lengths.push(null);
      continue;
    }
    const bytes = Buffer.from(body.data, 'utf8');
    texts.push(bytes);
    lengths.push(bytes.length);
    header[field] = { ...body, data: '' };
  }
  return [Buffer.from(JSON.stringify({ s: seq, x: header, b: lengths }) + '\n'), ...texts, NEWLINE];
}

export interface DecodedIntake {
  exchanges: Exchange[];
  /** Records that could not be read, not counting a last one cut short (expected after a kill). */
  unreadable: number;
}

/** Reads every whole record of one file. A damaged record makes the rest of the file unreadable: lengths can no
 * longer be trusted after it. */
export function decodeIntakeFile(file: Buffer): DecodedIntake {
  const exchanges: Exchange[] = [];
  let at = 0;
  while (at < file.length) {
    const end = file.indexOf(0x0a, at);
    if (end < 0) break;
    const record = readRecord(file, at, end);
    if (!record) return { exchanges, unreadable: 1 };
    if (record.next > file.length) break;
    exchanges.push(record.exchange);
    at = record.next;
  }
  return { exchanges, unreadable: 0 };
}

function readRecord(file: Buffer, start: number, headerEnd: number): { exchange: Exchange; next: number } | undefined {
  let header: { x?: Exchange; b?: unknown };
  try {
    header = JSON.parse(file.toString('utf8', start, headerEnd)) as typeof header;
  } catch {
    return undefined;
  }
  const { x, b } = header;
  if (!x || typeof x.id !== 'string' || !Array.isArray(b) || b.length !== BODIES.length) return undefined;
  let at = headerEnd + 1;
  const exchange: Exchange = { ...x };
  for (const [i, field] of BODIES.entries()) {
    const length = b[i] as unknown;
    if (length === null) continue;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || !x[field]) return undefined;
    if (at + length > file.length) return { exchange, next: Infinity };
    exchange[field] = { ...(x[field] as Body), data: file.toString('utf8', at, at + length) };
    at += length;
  }
  if (at >= file.length) return { exchange, next: Infinity };
  if (file[at] !== 0x0a) return undefined;
  return { exchange, next: at + 1 };
}
