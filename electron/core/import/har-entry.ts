// One HAR entry -> one Exchange, shaped and redacted exactly as live capture would have stored it. Quirks of the
// writers handled here: status 0 for "no response" (Chrome, mitmproxy and HTTP Toolkit all use it), the error text
// in `_error`, HTTP/2 pseudo-headers, base64 content, bodies left out of the file.

import { createHash } from 'node:crypto';
import type { Exchange, ExchangeError } from '../../../shared/exchange';
import { redactUrl } from '../capture/redact-credentials';
import { EntryError } from './entry-error';
import { requestBody, responseBody } from './har-bodies';
import { harHeaders } from './har-headers';
import { harTimes } from './har-timings';
import type { HarEntry } from './har-types';

export interface EntryContext {
  /** `log.creator.name`: HTTP Toolkit writes an aborted exchange as status 0 with no error text. */
  creator?: string;
}

export interface ConvertedEntry {
  exchange: Exchange;
  /** What the file left out, worth telling the person (bodies dropped by the writer). */
  notes: string[];
}

const THREADTAP_ID = /^[\w.:-]{1,128}$/;

export function harEntryToExchange(value: unknown, context: EntryContext = {}): ConvertedEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EntryError('the entry is not an object');
  const entry = value as HarEntry;
  const request = entry.request;
  if (typeof request !== 'object' || request === null) throw new EntryError('the entry has no request');
  if (typeof request.method !== 'string' || request.method === '') throw new EntryError('the request has no method');
  const url = absoluteUrl(request.url);

  const response = typeof entry.response === 'object' && entry.response !== null ? entry.response : undefined;
  const status = typeof response?.status === 'number' && response.status > 0 ? Math.trunc(response.status) : undefined;
  const times = harTimes(entry, status !== undefined);
  const notes: string[] = [];

  const requestHeaders = harHeaders(request.headers);
  const sentBody = requestBody(request.postData, request.bodySize);
  if (sentBody.omitted) notes.push('the HAR left out the request body');
  const exchange: Exchange = {
    id: '',
    via: 'proxy',
    method: request.method,
    url,
    requestHeaders,
    state: 'complete',
    ...times,
  };
  if (sentBody.body) exchange.requestBody = sentBody.body;
  if (typeof entry._clientAddress === 'string') exchange.clientAddress = entry._clientAddress;

  if (status !== undefined && response) {
    exchange.status = status;
    exchange.responseHeaders = harHeaders(response.headers);
    const answer = responseBody(response.content, response.bodySize, exchange.responseHeaders['content-encoding']);
    if (answer.omitted) notes.push('the HAR left out the response body');
    if (answer.body) exchange.responseBody = answer.body;
  }
  const error = failureOf(entry, status, context);
  if (error) {
    exchange.state = error.code === 'aborted' ? 'aborted' : 'error';
    exchange.error = error;
  }
  exchange.id = entryId(entry, exchange);
  return { exchange, notes };
}

function absoluteUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw new EntryError('the request has no url');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new EntryError(`the request url ${JSON.stringify(raw.slice(0, 200))} is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new EntryError(`the request url is ${parsed.protocol} traffic, not HTTP`);
  // Credentials in the URL never reach a proxy in the request line; they are dropped rather than stored.
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    return redactUrl(parsed.toString());
  }
  return redactUrl(raw);
}

function failureOf(entry: HarEntry, status: number | undefined, context: EntryContext): ExchangeError | undefined {
  const text = [entry.response?._error, entry._error].find((e): e is string => typeof e === 'string' && e !== '');
  if (status !== undefined && !text) return undefined;
  const aborted = text ? /abort|cancel/i.test(text) : context.creator === 'HTTP Toolkit';
  const message = text ?? 'the HAR records no response (status 0)';
  return { code: aborted ? 'aborted' : 'no-response', message };
}

/**
 * A stable identity, so importing the same file twice adds nothing: Threadtap's own id when the file carries it,
 * else a hash of what makes the exchange itself (time, method, redacted URL, both bodies). Order in the file plays
 * no part, so a file rewritten in another order still matches.
 */
function entryId(entry: HarEntry, exchange: Exchange): string {
  if (typeof entry._threadtapId === 'string' && THREADTAP_ID.test(entry._threadtapId)) return entry._threadtapId;
  const hash = createHash('sha256');
  for (const part of [String(exchange.startedAt), exchange.method, exchange.url, exchange.requestBody?.data ?? '', exchange.responseBody?.data ?? '']) {
    hash.update(part).update('\0');
  }
  return `har-${hash.digest('hex').slice(0, 32)}`;
}
