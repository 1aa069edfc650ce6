// `--format har`: HAR 1.2 as Chrome DevTools, mitmproxy and HTTP Toolkit write it, streamed entry by entry.
// Streamed responses keep their raw event text. Threadtap's own import reads `_threadtapId` and `_clientAddress`
// back, so a round trip keeps ids and client keys; `_threadtap` carries the placement for other readers.

import { STATUS_CODES } from 'node:http';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Body } from '../../../shared/exchange';
import type { ExportContext } from './export-context';
import type { Redactor } from './redaction';
import type { SessionHeader } from './session-groups';

const VERSION = '0.1.0';

const nameValues = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => ({ name, value }));

function bodyText(body: Body | undefined, redactor: Redactor): { text: string; encoding?: 'base64' } | undefined {
  if (!body) return undefined;
  // Binary bodies are kept as bytes: no pattern can be applied to them meaningfully.
  if (body.encoding === 'base64') return { text: body.data, encoding: 'base64' };
  return { text: redactor.bodyText(body.data) };
}

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** HAR timings from the captured instants: send is not measured apart, wait is time to headers, receive the rest. */
function timings(record: InteractionRecord) {
  const x = record.exchange;
  const end = x.endedAt ?? x.headersAt ?? x.startedAt;
  const headers = Math.min(x.headersAt ?? x.firstByteAt ?? end, end);
  const wait = Math.max(0, headers - x.startedAt);
  const receive = Math.max(0, end - headers);
  return { time: wait + receive, timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive } };
}

export function harEntry(record: InteractionRecord, session: SessionHeader, redactor: Redactor): Record<string, unknown> {
  const x = record.exchange;
  const url = redactor.url(x.url);
  const requestHeaders = redactor.headers(x.requestHeaders);
  const sent = bodyText(x.requestBody, redactor);
  const responseHeaders = redactor.headers(x.responseHeaders ?? {});
  const received = x.status !== undefined ? bodyText(x.responseBody, redactor) : undefined;
  const size = (b: { text: string; encoding?: string } | undefined) =>
    b ? (b.encoding === 'base64' ? Buffer.from(b.text, 'base64').length : Buffer.byteLength(b.text)) : 0;
  const { time, timings: phases } = timings(record);
  const error = x.error ? redactor.text(x.error.message) : undefined;
  return {
    startedDateTime: new Date(x.startedAt).toISOString(),
    time,
    request: {
      method: x.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(requestHeaders),
      queryString: queryString(url),
      ...(sent ? { postData: { mimeType: requestHeaders['content-type'] ?? 'application/octet-stream', text: sent.text, ...(sent.encoding ? { encoding: sent.encoding } : {}), params: [] } } : {}),
      headersSize: -1,
      bodySize: size(sent),
    },
    response: {
      status: x.status ?? 0,
      statusText: x.status !== undefined ? (STATUS_CODES[x.status] ?? '') : '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(responseHeaders),
      content: {
        size: size(received),
        mimeType: responseHeaders['content-type'] ?? 'x-unknown',
        ...(received ? { text: received.text, ...(received.encoding ? { encoding: received.encoding } : {}) } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: size(received),
      ...(error ? { _error: error } : {}),
    },
    cache: {},
    timings: phases,
    ...(error ? { _error: error } : {}),
    // Chrome DevTools files its own entries under a resource type; `fetch` puts these under Fetch/XHR.
    _resourceType: 'fetch',
    _threadtapId: record.id,
    ...(x.clientAddress ? { _clientAddress: x.clientAddress } : {}),
    _threadtap: {
      sessionId: session.id,
      sessionTitle: redactor.text(session.title),
      parentId: record.placement?.parentId ?? null,
      kind: record.placement?.kind ?? 'standalone',
      provider: record.parsed.provider,
      model: record.parsed.response?.model ?? record.parsed.model ?? null,
      state: x.state,
      ...(record.placement?.link ? { link: record.placement.link } : {}),
    },
  };
}

export async function writeHarExport(ctx: ExportContext): Promise<void> {
  const { sink, redactor } = ctx;
  const creator = { name: 'Threadtap', version: VERSION };
  await sink.write(`{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"pages":[],"entries":[`);
  let first = true;
  // HAR readers expect entries in start order across the whole file, not grouped by session.
  // The order comes from the refs; each record is read as its entry is written.
  const all = ctx.groups.flatMap((g) => g.refs.map((ref) => ({ ref, header: g.header })));
  all.sort((a, b) => a.ref.startedAt - b.ref.startedAt || a.ref.id.localeCompare(b.ref.id));
  for (const { ref, header } of all) {
    const record = await ctx.source.getInteraction(ref.id);
    if (!record) continue;
    await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(harEntry(record, header, redactor))}`);
    first = false;
  }
  await sink.write(`\n],"comment":"Exported by Threadtap ${ctx.now.toISOString()}","_threadtapRedaction":${JSON.stringify(redactor.summary())}}}\n`);
}
