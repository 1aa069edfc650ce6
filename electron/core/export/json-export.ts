// The versioned JSON export (ARCHITECTURE §4). Sessions come from the interactions' placements; request and
// response bodies are reproduced as sent (parsed JSON where they are JSON). Beyond §4 each interaction carries what
// `threadtap import` needs to restore it exactly: the raw text of a streamed response, timings, the client address
// and the session link, so an export imported into a fresh data dir gives the same sessions, ids and bodies.

import type { Body, ExchangeError } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Message, Usage } from '../../../shared/normalized';
import type { Placement } from '../../../shared/session';
import type { RedactionSummary, Redactor } from './redaction';
import type { SessionHeader } from './session-groups';

export interface ExportedInteraction {
  id: string;
  parentId: string | null;
  kind: string;
  startedAt: string;
  durationMs: number | null;
  provider: string;
  endpoint: string;
  model: string | null;
  status: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: {
    status: number | null;
    headers: Record<string, string>;
    body: unknown;
    stream?: unknown[];
    /** The response body exactly as received when it was a stream (SSE or NDJSON text). */
    streamText?: string;
  } | null;
  messages: Message[];
  output: Message[] | null;
  usage: Usage;
  notes?: string[];
  via?: 'proxy' | 'base-url';
  clientAddress?: string;
  error?: ExchangeError;
  /** Milliseconds from the start to the response headers and to the first body byte. */
  timings?: { headersMs?: number; firstByteMs?: number };
  /** Set on the interaction that opened a session hanging off another one. */
  link?: Placement['link'];
}

export type ExportedSession = SessionHeader & { interactions: ExportedInteraction[] };

export interface SessionsExport {
  format: 'threadtap.sessions';
  version: 1;
  exportedAt: string;
  sessions: ExportedSession[];
  redaction?: RedactionSummary;
}

export function bodyValue(body: Body | undefined): unknown {
  if (!body) return null;
  if (body.encoding === 'base64') return { base64: body.data };
  try {
    return JSON.parse(body.data);
  } catch {
    return body.data;
  }
}

/** A body for export: parsed JSON walked by the redactor, text through it as text, binary untouched. */
function redactedBody(body: Body | undefined, redactor: Redactor): unknown {
  const value = bodyValue(body);
  if (typeof value === 'string') return redactor.bodyText(value);
  return body?.encoding === 'base64' ? value : redactor.json(value);
}

export function exportInteraction(record: InteractionRecord, redactor: Redactor): ExportedInteraction {
  const { exchange, parsed } = record;
  const streamed = parsed.response?.streamed ?? false;
  const at = (t: number | undefined) => (t === undefined ? undefined : t - exchange.startedAt);
  const headersMs = at(exchange.headersAt);
  const firstByteMs = at(exchange.firstByteAt);
  return {
    id: record.id,
    parentId: record.placement?.parentId ?? null,
    kind: record.placement?.kind ?? 'standalone',
    startedAt: new Date(exchange.startedAt).toISOString(),
    durationMs: exchange.endedAt !== undefined ? exchange.endedAt - exchange.startedAt : null,
    provider: parsed.provider,
    endpoint: parsed.endpoint,
    model: parsed.response?.model ?? parsed.model ?? null,
    status: exchange.state,
    request: {
      method: exchange.method,
      url: redactor.url(exchange.url),
      headers: redactor.headers(exchange.requestHeaders),
      body: redactedBody(exchange.requestBody, redactor),
    },
    response:
      exchange.status === undefined
        ? null
        : {
            status: exchange.status,
            headers: redactor.headers(exchange.responseHeaders ?? {}),
            body: streamed ? redactor.json(parsed.response ?? bodyValue(exchange.responseBody)) : redactedBody(exchange.responseBody, redactor),
            ...(streamed ? { stream: redactor.json(parsed.streamEvents ?? []) as unknown[] } : {}),
            ...(streamed && exchange.responseBody?.encoding === 'utf8' ? { streamText: redactor.bodyText(exchange.responseBody.data) } : {}),
          },
    messages: redactor.json(parsed.request?.messages ?? []) as Message[],
    output: redactor.json(parsed.response?.outputs ?? null) as Message[] | null,
    usage: parsed.response?.usage ?? {},
    ...(parsed.notes.length ? { notes: parsed.notes.map((n) => redactor.text(n)) } : {}),
    via: exchange.via,
    ...(exchange.clientAddress ? { clientAddress: exchange.clientAddress } : {}),
    ...(exchange.error ? { error: { code: exchange.error.code, message: redactor.text(exchange.error.message) } } : {}),
    ...(headersMs !== undefined || firstByteMs !== undefined ? { timings: { headersMs, firstByteMs } } : {}),
    ...(record.placement?.link ? { link: record.placement.link } : {}),
  };
}
