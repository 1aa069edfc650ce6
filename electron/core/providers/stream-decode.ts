import { createParser, type ParseError } from 'eventsource-parser';
import type { DecodedStream } from './adapter';
import { tryParseJson } from './json-util';

// Turns a response body into stream events. SSE goes through eventsource-parser (every line-ending the spec
// allows, comments, multi-line data); NDJSON and JSON text sequences are one JSON value per line or record.

export type Framing = 'sse' | 'ndjson' | 'json';

const SSE_START = /^(data|event|id|retry)?:/;

export function chooseFraming(contentType: string | undefined, body: string): Framing {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('text/event-stream')) return 'sse';
  if (ct.includes('ndjson') || ct.includes('jsonl') || ct.includes('json-seq')) return 'ndjson';
  const head = body.trimStart();
  if (SSE_START.test(head)) return 'sse';
  if (tryParseJson(body).ok) return 'json';
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1 && lines.every((l) => /^\s*[{\x1e]/.test(l))) return 'ndjson';
  return 'json';
}

export function decodeSse(body: string, notes: string[]): DecodedStream {
  const events: unknown[] = [];
  let done = false;
  let badData = 0;
  let strayJson = 0;
  const parser = createParser({
    onEvent(message) {
      if (message.data === '[DONE]') {
        done = true;
        return;
      }
      const parsed = tryParseJson(message.data);
      if (parsed.ok) events.push(parsed.value);
      else badData += 1;
    },
    // Gemini reports some mid-stream errors as a bare JSON object without `data:`; the parser sees an unknown
    // field, and the line is kept if it is JSON on its own.
    onError(error: ParseError) {
      if (error.line === undefined) return;
      const parsed = tryParseJson(error.line);
      if (parsed.ok) {
        events.push(parsed.value);
        strayJson += 1;
      }
    },
  });
  // The end of the body ends its last line. It must go in the same feed: the parser discards an unterminated
  // line that cannot be an SSE field (a bare JSON error) instead of buffering it until the next chunk.
  parser.feed(/[\r\n]$/.test(body) ? body : `${body}\n`);
  parser.reset({ consume: true });
  if (events.length === 0 && !done) {
    // A body that is not SSE at all, e.g. a JSON error answered to a streaming request.
    const whole = tryParseJson(body);
    if (whole.ok) {
      notes.push('stream body is a single JSON value, not SSE');
      return { events: Array.isArray(whole.value) ? whole.value : [whole.value], done };
    }
  }
  if (badData > 0) notes.push(`${badData} SSE event(s) with non-JSON data skipped`);
  if (strayJson > 0) notes.push(`${strayJson} JSON line(s) outside SSE framing kept as events`);
  return { events, done };
}

export function decodeNdjson(body: string, notes: string[]): DecodedStream {
  const events: unknown[] = [];
  let bad = 0;
  // JSON text sequences (RFC 7464) prefix each record with RS; treating RS as a line break covers both.
  for (const line of body.split(/[\r\n\x1e]+/)) {
    if (line.trim() === '') continue;
    const parsed = tryParseJson(line);
    if (parsed.ok) events.push(parsed.value);
    else bad += 1;
  }
  if (bad > 0) notes.push(`${bad} NDJSON line(s) are not JSON (truncated or malformed)`);
  return { events, done: false };
}
