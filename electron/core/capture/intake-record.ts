// One finished exchange as the intake journal writes it: a JSON header line (the exchange without its body bytes,
// and each body's length), then the bodies' bytes as captured, then a newline. The bytes are copied as they are:
// an agent's request body is often hundreds of kilobytes, and turning it into escaped JSON text would cost the
// proxy's thread many times a copy.

import type { CapturedBody } from './body-codec';
import type { CapturedExchange } from './exchange-recorder';

const BODIES = ['requestBody', 'responseBody'] as const;
const NEWLINE = Buffer.from('\n');

type BodyHeader = Omit<CapturedBody, 'bytes'>;
type RecordHeader = { s: number; x: Omit<CapturedExchange, 'requestBody' | 'responseBody'>; b: (BodyHeader | null)[] };

/** The buffers to append, in order. */
export function encodeIntakeRecord(seq: number, exchange: CapturedExchange): Uint8Array[] {
  const { requestBody, responseBody, ...rest } = exchange;
  const bodies = [requestBody, responseBody];
  const header: RecordHeader & { n: number[] } = {
    s: seq,
    x: rest,
    b: bodies.map((body) => (body ? { ...body, bytes: undefined } : null)),
    n: bodies.map((body) => body?.bytes.length ?? 0),
  };
  return [Buffer.from(JSON.stringify(header) + '\n'), ...bodies.flatMap((body) => (body ? [body.bytes] : [])), NEWLINE];
}

export interface DecodedIntake {
  exchanges: CapturedExchange[];
  /** Records that could not be read, not counting a last one cut short (expected after a kill). */
  unreadable: number;
}

/** Reads every whole record of one file. A damaged record makes the rest of the file unreadable: lengths can no
 * longer be trusted after it. */
export function decodeIntakeFile(file: Buffer): DecodedIntake {
  const exchanges: CapturedExchange[] = [];
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

function readRecord(file: Buffer, start: number, headerEnd: number): { exchange: CapturedExchange; next: number } | undefined {
  let header: Partial<RecordHeader & { n: unknown }>;
  try {
    header = JSON.parse(file.toString('utf8', start, headerEnd)) as typeof header;
  } catch {
    return undefined;
  }
  const { x, b, n } = header;
  if (!x || typeof x.id !== 'string' || !Array.isArray(b) || !Array.isArray(n) || b.length !== BODIES.length || n.length !== BODIES.length) {
    return undefined;
  }
  let at = headerEnd + 1;
  const exchange: CapturedExchange = { ...x };
  for (const [i, field] of BODIES.entries()) {
    const length = n[i] as unknown;
    if (b[i] === null) continue;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || typeof b[i] !== 'object') return undefined;
    if (at + length > file.length) return { exchange, next: Infinity };
    exchange[field] = { ...(b[i] as BodyHeader), bytes: file.subarray(at, at + length) };
    at += length;
  }
  if (at >= file.length) return { exchange, next: Infinity };
  if (file[at] !== 0x0a) return undefined;
  return { exchange, next: at + 1 };
}
