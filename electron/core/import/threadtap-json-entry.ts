// One interaction of a Threadtap JSON export (`export --format json`) back into the record live capture would
// have stored: the exchange rebuilt from the exported request and response, parsed again by the provider adapters,
// and placed where the export says it was (its session, parent, kind and link), so the sessions come back as they were.

import type { Body, Exchange, ExchangeState } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { InteractionKind, Placement, SessionRelation } from '../../../shared/session';
import { toBody } from '../capture/body-codec';
import { parseCapturedExchange } from '../capture/capture-pipeline';
import { redactHeaders, redactUrl } from '../capture/redact-credentials';
import { EntryError } from './entry-error';

/** The session fields read before its interactions. */
export interface JsonSessionContext {
  id: string;
  parentSessionId?: string | null;
  relation?: string | null;
  viaInteractionId?: string;
  viaToolCallId?: string;
}

const ID = /^[\w.:-]{1,128}$/;
const STATES = new Set<ExchangeState>(['pending', 'streaming', 'complete', 'aborted', 'error']);
const KINDS = new Set<InteractionKind>(['start', 'turn', 'retry', 'branch', 'compaction', 'side', 'standalone']);
const RELATIONS = new Set<SessionRelation>(['subagent', 'side', 'continuation']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The exporter writes JSON bodies parsed, text as a string, binary as `{ base64 }`. */
function bodyOf(value: unknown): Body | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return toBody(Buffer.from(value, 'utf8'));
  if (isObject(value) && Object.keys(value).length === 1 && typeof value.base64 === 'string') return toBody(Buffer.from(value.base64, 'base64'));
  return toBody(Buffer.from(JSON.stringify(value), 'utf8'));
}

function headersOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') out[name] = v;
  // Through capture's own redaction again: a hand-edited file must not put a live credential in the store.
  return redactHeaders(out);
}

function placementOf(value: Json, session: JsonSessionContext, firstOfSession: boolean): Placement {
  const kind = KINDS.has(value.kind as InteractionKind) ? (value.kind as InteractionKind) : 'standalone';
  const placement: Placement = { sessionId: session.id, parentId: str(value.parentId) ?? null, kind };
  const link = isObject(value.link) ? value.link : undefined;
  const parentSessionId = str(link?.parentSessionId) ?? (firstOfSession ? (session.parentSessionId ?? undefined) : undefined);
  const relation = str(link?.relation) ?? (firstOfSession ? (session.relation ?? undefined) : undefined);
  if (parentSessionId && relation && RELATIONS.has(relation as SessionRelation)) {
    const via = str(link?.viaInteractionId) ?? (firstOfSession ? session.viaInteractionId : undefined);
    const toolCallId = str(link?.toolCallId) ?? (firstOfSession ? session.viaToolCallId : undefined);
    placement.link = { parentSessionId, relation: relation as SessionRelation, ...(via ? { viaInteractionId: via } : {}), ...(toolCallId ? { toolCallId } : {}) };
  }
  return placement;
}

export function jsonInteractionToRecord(value: unknown, session: JsonSessionContext, firstOfSession: boolean): InteractionRecord {
  if (!isObject(value)) throw new EntryError('the interaction is not an object');
  const id = str(value.id);
  if (!id || !ID.test(id)) throw new EntryError('the interaction has no usable id');
  const request = isObject(value.request) ? value.request : undefined;
  const method = str(request?.method);
  const url = str(request?.url);
  if (!request || !method || !url) throw new EntryError('the interaction has no request method and url');
  const startedAt = Date.parse(str(value.startedAt) ?? '');
  if (!Number.isFinite(startedAt)) throw new EntryError('the interaction has no startedAt time');
  const duration = num(value.durationMs);
  const timings = isObject(value.timings) ? value.timings : {};
  const state = STATES.has(value.status as ExchangeState) ? (value.status as ExchangeState) : 'complete';

  const exchange: Exchange = {
    id,
    via: value.via === 'base-url' ? 'base-url' : 'proxy',
    method,
    url: redactUrl(url),
    requestHeaders: headersOf(request.headers),
    state,
    startedAt,
    ...(duration !== undefined ? { endedAt: startedAt + duration } : {}),
  };
  const requestBody = bodyOf(request.body);
  if (requestBody) exchange.requestBody = requestBody;
  const headersMs = num(timings.headersMs);
  const firstByteMs = num(timings.firstByteMs);
  if (headersMs !== undefined) exchange.headersAt = startedAt + headersMs;
  if (firstByteMs !== undefined) exchange.firstByteAt = startedAt + firstByteMs;
  const clientAddress = str(value.clientAddress);
  if (clientAddress) exchange.clientAddress = clientAddress;
  if (isObject(value.error) && typeof value.error.message === 'string') {
    exchange.error = { code: str(value.error.code) ?? 'error', message: value.error.message };
  }

  const response = isObject(value.response) ? value.response : undefined;
  const status = num(response?.status);
  if (response && status !== undefined) {
    exchange.status = status;
    exchange.responseHeaders = headersOf(response.headers);
    // A streamed answer's `body` is the assembled result; the bytes as received are in `streamText`.
    const streamText = str(response.streamText);
    const body = streamText !== undefined ? toBody(Buffer.from(streamText, 'utf8')) : Array.isArray(response.stream) ? undefined : bodyOf(response.body);
    if (body) exchange.responseBody = body;
  }
  return { id, exchange, parsed: parseCapturedExchange(exchange), placement: placementOf(value, session, firstOfSession) };
}
