// Splits a JSON object body into a small skeleton and the large top-level member values, without parsing or
// re-serializing anything: every piece is a slice of the original text, so joining the pieces gives back the exact
// bytes as sent (whitespace, key order, number spelling, even duplicate keys). Large arrays are split further into
// their elements, because that is what an agent re-sends every turn (the message history, the tool list, system
// blocks). The rule is generic on purpose: no provider field names, any top-level array qualifies.
//
// Text that is not a JSON object, or that the scanner does not follow, is simply not split (`undefined`).

/** A large top-level member value kept whole. */
export interface BlobHole {
  kind: 'blob';
  /** Offset in the skeleton where the value goes. */
  at: number;
  text: string;
}

/** A large top-level array kept as its elements: `open` + items joined by `sep` + `close` is the original value. */
export interface ListHole {
  kind: 'list';
  at: number;
  open: string;
  sep: string;
  close: string;
  items: string[];
}

export type Hole = BlobHole | ListHole;

export interface SplitBody {
  skeleton: string;
  holes: Hole[];
}

export interface SplitOptions {
  /** Member values at least this long (in UTF-16 units) leave the skeleton. */
  minHole: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// The scan jumps between the characters that matter with native search (indexOf, a regex) instead of a loop over
// every character: a body of the last turns of a long session is close to a megabyte, scanned on every put.
const STRUCTURE = /["[\]{}]/g;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function splitJsonBody(text: string, options: SplitOptions): SplitBody | undefined {
  const ranges: { start: number; end: number }[] = [];
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== 0x7b /* { */) return undefined;
  i = skipWs(text, i + 1);
  if (text.charCodeAt(i) === 0x7d /* } */) return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    i = skipWs(text, endOfString(text, i));
    if (i < 0 || text.charCodeAt(i) !== 0x3a /* : */) return undefined;
    const start = skipWs(text, i + 1);
    const end = endOfValue(text, start);
    if (end < 0) return undefined;
    if (end - start >= options.minHole) ranges.push({ start, end });
    i = skipWs(text, end);
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */) i = skipWs(text, i + 1);
    else if (c === 0x7d) break;
    else return undefined;
  }
  if (skipWs(text, i + 1) !== text.length) return undefined;
  if (ranges.length === 0) return { skeleton: text, holes: [] };

  let skeleton = '';
  let from = 0;
  const holes: Hole[] = [];
  for (const { start, end } of ranges) {
    skeleton += text.slice(from, start);
    const value = text.slice(start, end);
    holes.push(splitArray(value, skeleton.length) ?? { kind: 'blob', at: skeleton.length, text: value });
    from = end;
  }
  skeleton += text.slice(from);
  return { skeleton, holes };
}

/** The inverse of `splitJsonBody`, with each hole's value already resolved to text. */
export function joinJsonBody(skeleton: string, values: readonly { at: number; text: string }[]): string {
  let out = '';
  let from = 0;
  for (const { at, text } of values) {
    out += skeleton.slice(from, at) + text;
    from = at;
  }
  return out + skeleton.slice(from);
}

export function listText(hole: Pick<ListHole, 'open' | 'sep' | 'close'>, items: readonly string[]): string {
  return hole.open + items.join(hole.sep) + hole.close;
}

/** An array whose elements are all separated the same way; anything else stays one blob. */
function splitArray(value: string, at: number): ListHole | undefined {
  if (value.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  const items: string[] = [];
  let sep: string | undefined;
  let i = skipWs(value, 1);
  const open = value.slice(0, i);
  if (value.charCodeAt(i) === 0x5d /* ] */) return undefined;
  for (;;) {
    const end = endOfValue(value, i);
    if (end < 0) return undefined;
    items.push(value.slice(i, end));
    const after = skipWs(value, end);
    const c = value.charCodeAt(after);
    if (c === 0x5d) {
      if (after + 1 !== value.length) return undefined;
      return items.length < 2 ? undefined : { kind: 'list', at, open, sep: sep ?? ',', close: value.slice(end), items };
    }
    if (c !== 0x2c) return undefined;
    const next = skipWs(value, after + 1);
    const thisSep = value.slice(end, next);
    if (sep === undefined) sep = thisSep;
    else if (sep !== thisSep) return undefined;
    i = next;
  }
}

function skipWs(text: string, i: number): number {
  if (i < 0) return i;
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** `i` is at an opening quote; returns the index after the closing one, or -1. */
function endOfString(text: string, i: number): number {
  for (let from = i + 1; ; ) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    // The quote closes the string unless an odd run of backslashes escapes it.
    let k = q - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The end of the value starting at `i` (string, object, array or bare literal), or -1 when it does not end. */
function endOfValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (Number.isNaN(first)) return -1;
  if (first === QUOTE) return endOfString(text, i);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    let j = i;
    for (;;) {
      STRUCTURE.lastIndex = j;
      const m = STRUCTURE.exec(text);
      if (!m) return -1;
      const c = text.charCodeAt(m.index);
      if (c === QUOTE) {
        j = endOfString(text, m.index);
        if (j < 0) return -1;
        continue;
      }
      j = m.index + 1;
      if (c === 0x7b || c === 0x5b) depth++;
      else if (--depth === 0) return j;
    }
  }
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x2c || c === 0x7d || c === 0x5d || isWs(c)) break;
    j++;
  }
  return j === i ? -1 : j;
}
