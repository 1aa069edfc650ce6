// Builds HAR files the way real tools write them, from realistic request/response pairs. Flavours follow each
// writer's own export code: Chrome DevTools (HTTP/2 pseudo-headers, `_` fields, ms timings, `_error` on failures),
// mitmproxy's save.har (microsecond ISO times with +00:00, null timings, postData for POST), HTTP Toolkit (header
// arrays joined with ',', status 0 for aborts, send/wait/receive only).

import { readFileSync, writeFileSync } from 'node:fs';
import { TRACES_DIR } from '../../helpers/fixtures';

export type Flavour = 'chrome' | 'mitmproxy' | 'httptoolkit' | 'threadtap';

export interface Call {
  method?: string;
  url: string;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
  error?: string;
  id?: string;
}

const CREATORS: Record<Flavour, { name: string; version: string }> = {
  chrome: { name: 'WebInspector', version: '537.36' },
  mitmproxy: { name: 'mitmproxy exporthar', version: '0.1' },
  httptoolkit: { name: 'HTTP Toolkit', version: '1.19.0' },
  threadtap: { name: 'Threadtap', version: '0.1.0' },
};

const headerList = (headers: Record<string, string> = {}) => Object.entries(headers).map(([name, value]) => ({ name, value }));

function isoFor(flavour: Flavour, ms: number): string {
  const iso = new Date(ms).toISOString();
  // mitmproxy: datetime.isoformat() with microseconds and an explicit offset.
  if (flavour === 'mitmproxy') return iso.replace('Z', '000+00:00');
  // HTTP Toolkit: date-fns format(), local offset; +01:00 here to prove offsets are honoured.
  if (flavour === 'httptoolkit') return new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00');
  return iso;
}

export function harEntry(call: Call, flavour: Flavour): Record<string, unknown> {
  const url = new URL(call.url);
  const method = call.method ?? 'POST';
  const requestHeaders = headerList(call.requestHeaders);
  if (flavour === 'chrome' || flavour === 'httptoolkit') {
    requestHeaders.unshift(
      { name: ':authority', value: url.host },
      { name: ':method', value: method },
      { name: ':path', value: url.pathname + url.search },
      { name: ':scheme', value: 'https' },
    );
  }
  const failed = call.status === 0;
  const wait = Math.round(call.durationMs * 0.6);
  const send = 1;
  const receive = call.durationMs - wait - send;
  const entry: Record<string, unknown> = {
    startedDateTime: isoFor(flavour, call.startedAt),
    time: flavour === 'httptoolkit' && failed ? -1 : call.durationMs,
    request: {
      method,
      url: call.url,
      httpVersion: flavour === 'chrome' ? 'http/2.0' : 'HTTP/1.1',
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: call.requestBody ? Buffer.byteLength(call.requestBody) : 0,
      ...(call.requestBody !== undefined ? { postData: { mimeType: 'application/json', text: call.requestBody, ...(flavour === 'mitmproxy' ? { params: [] } : {}) } } : {}),
    },
    response: failed
      ? { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: flavour === 'mitmproxy' ? {} : { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1, ...(call.error ? { _error: call.error } : {}) }
      : {
          status: call.status,
          statusText: 'OK',
          httpVersion: 'HTTP/1.1',
          headers: headerList(call.responseHeaders),
          cookies: [],
          content: {
            size: Buffer.byteLength(call.responseBody ?? ''),
            mimeType: call.responseHeaders?.['content-type'] ?? 'application/json',
            ...(call.responseBody !== undefined ? { text: call.responseBody } : {}),
            ...(flavour === 'mitmproxy' ? { compression: 0 } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: Buffer.byteLength(call.responseBody ?? ''),
          ...(flavour === 'chrome' ? { _transferSize: 1234, _error: null } : {}),
        },
    cache: {},
    timings:
      flavour === 'mitmproxy'
        ? { connect: null, ssl: null, send, wait, receive }
        : flavour === 'httptoolkit'
          ? { blocked: -1, dns: -1, connect: -1, ssl: -1, send, wait, receive }
          : { blocked: 0.5, dns: -1, ssl: -1, connect: -1, send, wait, receive, _blocked_queueing: 0.4 },
  };
  if (flavour === 'chrome') Object.assign(entry, { _initiator: { type: 'script' }, _priority: 'High', _resourceType: 'fetch', serverIPAddress: '160.79.104.10', connection: '443' });
  if (flavour === 'threadtap' && call.id) entry._threadtapId = call.id;
  return entry;
}

export function harDocument(calls: Call[], flavour: Flavour): Record<string, unknown> {
  return { log: { version: '1.2', creator: CREATORS[flavour], pages: [], entries: calls.map((c) => harEntry(c, flavour)) } };
}

export function writeHar(path: string, calls: Call[], flavour: Flavour, indent: number | undefined = flavour === 'mitmproxy' ? 4 : 2): string {
  writeFileSync(path, JSON.stringify(harDocument(calls, flavour), null, indent));
  return path;
}

interface NockEntry {
  scope: string;
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
  rawHeaders?: Record<string, string>;
}

/** The ten recorded Anthropic SDK calls (tool loops, then a compaction), 10 s apart, each taking 4 s. */
export function toolRunnerCalls(start = Date.UTC(2025, 10, 21, 9, 36, 50), apiKey = 'sk-ant-api03-REALLOOKINGSECRETVALUE0123456789abcd'): Call[] {
  const nock = JSON.parse(readFileSync(`${TRACES_DIR}anthropic-sdk-ts_ToolRunner.nock.json`, 'utf8')) as NockEntry[];
  return nock.map((entry, i) => ({
    method: entry.method,
    url: `${entry.scope.replace(':443', '')}${entry.path}`,
    requestHeaders: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'user-agent': 'Anthropic/JS 0.69.0',
      'x-api-key': apiKey,
      'x-stainless-retry-count': '0',
    },
    requestBody: JSON.stringify(entry.body),
    status: entry.status,
    responseHeaders: { 'content-type': 'application/json', 'request-id': `req_${i}` },
    responseBody: JSON.stringify(entry.response),
    startedAt: start + i * 10_000,
    durationMs: 4_000,
  }));
}
