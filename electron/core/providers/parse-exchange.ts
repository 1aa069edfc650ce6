import type { NormalizedRequest, NormalizedResponse, ParsedExchange } from '../../../shared/normalized';
import type { ProviderAdapter } from './adapter';
import { adapterFor, openAiChatAdapter } from './adapters';
import { detectEndpoint, type EndpointInfo } from './endpoint-detect';
import { asRecord, errorMessage, isRecord, tryParseJson } from './json-util';
import { emptyResponse, errorResponse, extractError } from './response-util';
import { headerSessionHints } from './session-hints';
import { chooseFraming, decodeNdjson, decodeSse } from './stream-decode';

export interface ExchangeInput {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  aborted?: boolean;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function pathOf(url: string): string {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)/i.exec(typeof url === 'string' ? url : '');
  return match?.[1] || '/';
}

function urlRequestsStream(url: string): boolean {
  return /:streamGenerateContent\b|:streamRawPredict\b|[?&]alt=sse\b/.test(url);
}

function parseRequestPart(adapter: ProviderAdapter, input: ExchangeInput, notes: string[]): NormalizedRequest | undefined {
  if (input.requestBody === undefined || input.requestBody.trim() === '') {
    notes.push('no request body');
    return undefined;
  }
  const parsed = tryParseJson(input.requestBody);
  if (!parsed.ok) {
    notes.push(`request body is not valid JSON: ${parsed.error}`);
    return undefined;
  }
  const request = adapter.parseRequest(parsed.value, notes);
  if (urlRequestsStream(input.url)) request.stream = true;
  request.sessionHints = { ...headerSessionHints(input.requestHeaders ?? {}), ...request.sessionHints };
  return request;
}

function parseResponsePart(adapter: ProviderAdapter, input: ExchangeInput, streamEvents: unknown[], notes: string[]): NormalizedResponse | undefined {
  const body = input.responseBody;
  if (body === undefined || body.trim() === '') {
    if (input.aborted) return { ...emptyResponse(false), incomplete: true };
    if (input.status !== undefined) notes.push('no response body');
    return undefined;
  }
  const framing = chooseFraming(header(input.responseHeaders, 'content-type'), body);
  if (framing === 'json') {
    const parsed = tryParseJson(body);
    if (!parsed.ok) {
      notes.push(`response body is not valid JSON: ${parsed.error}`);
      return input.aborted ? { ...emptyResponse(false), incomplete: true } : undefined;
    }
    // streamGenerateContent without alt=sse answers a JSON array of chunks.
    if (Array.isArray(parsed.value) && adapter.api === 'gemini-generate') {
      return finishStream(adapter, { events: parsed.value, done: false }, input, streamEvents, notes);
    }
    const error = (input.status ?? 200) >= 400 ? extractError(parsed.value) : undefined;
    const response = error ? errorResponse(error, false) : adapter.parseResponse(parsed.value, notes);
    if ((input.status ?? 200) >= 400 && !response.error) {
      response.error = { message: `HTTP ${input.status}` };
      response.stopReason = 'error';
    }
    if (input.aborted) response.incomplete = true;
    return response;
  }
  const decoded = framing === 'sse' ? decodeSse(body, notes) : decodeNdjson(body, notes);
  return finishStream(adapter, decoded, input, streamEvents, notes);
}

function finishStream(
  adapter: ProviderAdapter,
  decoded: { events: unknown[]; done: boolean },
  input: ExchangeInput,
  streamEvents: unknown[],
  notes: string[],
): NormalizedResponse {
  streamEvents.push(...decoded.events);
  const { response, complete } = adapter.assembleStream(decoded, notes);
  response.streamed = true;
  if (!complete || input.aborted) {
    response.incomplete = true;
    notes.push(input.aborted ? 'stream aborted before it finished' : 'stream ended without its terminal event');
  }
  return response;
}

function unknownEndpoint(input: ExchangeInput): { info: EndpointInfo; adapter?: ProviderAdapter; note: string } {
  const endpoint = pathOf(input.url);
  const info: EndpointInfo = { provider: 'unknown', api: 'unknown', endpoint };
  const body = input.requestBody === undefined ? undefined : tryParseJson(input.requestBody);
  if (body?.ok && Array.isArray(asRecord(body.value)?.messages)) {
    return { info, adapter: openAiChatAdapter, note: `unrecognised endpoint ${input.method} ${endpoint}; parsed as OpenAI chat because the body has a messages array` };
  }
  return { info, note: `unrecognised endpoint ${input.method} ${endpoint}` };
}

function parseUnguarded(input: ExchangeInput, result: ParsedExchange, earlier?: ParsedExchange): void {
  if (earlier) {
    finishWithEarlierRequest(input, result, earlier);
    return;
  }
  const detected = detectEndpoint(input.method, input.url, input.requestHeaders ?? {});
  let adapter = detected ? adapterFor(detected.api) : undefined;
  let info = detected;
  if (!info || !adapter) {
    const unknown = unknownEndpoint(input);
    info = unknown.info;
    adapter = unknown.adapter;
    result.notes.push(unknown.note);
  }
  Object.assign(result, { provider: info.provider, api: info.api, endpoint: info.endpoint });
  if (info.model) result.model = info.model;
  if (!adapter) return;
  const request = parseRequestPart(adapter, input, result.notes);
  if (request) result.request = request;
  const streamEvents: unknown[] = [];
  const response = parseResponsePart(adapter, input, streamEvents, result.notes);
  if (response) result.response = response;
  if (response?.streamed) result.streamEvents = streamEvents;
  result.model = request?.model ?? info.model ?? response?.model;
  if (result.model === undefined) delete result.model;
}

/** The request was parsed when it was sent: only the response is new, so only it is parsed now. */
function finishWithEarlierRequest(input: ExchangeInput, result: ParsedExchange, earlier: ParsedExchange): void {
  Object.assign(result, { provider: earlier.provider, api: earlier.api, endpoint: earlier.endpoint, notes: [...earlier.notes] });
  if (earlier.request) result.request = earlier.request;
  const adapter = earlier.api === 'unknown' ? (earlier.request ? openAiChatAdapter : undefined) : adapterFor(earlier.api);
  if (!adapter) return;
  const streamEvents: unknown[] = [];
  const response = parseResponsePart(adapter, input, streamEvents, result.notes);
  if (response) result.response = response;
  if (response?.streamed) result.streamEvents = streamEvents;
  const model = earlier.request?.model ?? earlier.model ?? response?.model;
  if (model !== undefined) result.model = model;
}

/**
 * Parses one captured exchange into the normalized shape. Pure and total: any failure, including a bug in an
 * adapter, becomes a note and whatever was parsed before it is kept. `earlier` is the parse of the same exchange
 * made when only its request was known; passing it saves parsing the request body twice.
 */
export function parseExchange(input: ExchangeInput, earlier?: ParsedExchange): ParsedExchange {
  const result: ParsedExchange = { provider: 'unknown', api: 'unknown', endpoint: '/', notes: [] };
  try {
    if (!isRecord(input)) {
      result.notes.push('no exchange given');
      return result;
    }
    parseUnguarded(input, result, earlier);
  } catch (err) {
    result.notes.push(`parser failed: ${errorMessage(err)}`);
  }
  return result;
}
