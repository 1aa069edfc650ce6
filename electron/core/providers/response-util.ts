import type { NormalizedResponse, StopReason, Usage } from '../../../shared/normalized';
import type { AssembledStream, DecodedStream } from './adapter';
import { asNumber, asString, isRecord } from './json-util';

export function emptyResponse(streamed: boolean): NormalizedResponse {
  return { outputs: [], usage: {}, streamed };
}

/** Drops undefined counters so usage objects compare and serialize cleanly. */
export function compactUsage(usage: Usage): Usage {
  const out: Usage = {};
  for (const [k, v] of Object.entries(usage) as [keyof Usage, number | undefined][]) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Later reports win field by field: streams send usage in pieces (Anthropic) or cumulatively (Gemini). */
export function mergeUsage(base: Usage, next: Usage): Usage {
  return compactUsage({ ...base, ...compactUsage(next) });
}

/**
 * The error objects of every supported API: `{error:{message,type|status|code}}`, Anthropic's
 * `{type:'error', error:{type,message}}`, Ollama's `{error:"..."}`.
 */
export function extractError(body: unknown): { type?: string; message: string } | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (typeof error === 'string') return { message: error };
  if (!isRecord(error)) return undefined;
  const type = asString(error.type) ?? asString(error.status) ?? asString(error.code) ?? codeString(error.code);
  const message = asString(error.message) ?? JSON.stringify(error);
  return type ? { type, message } : { message };
}

function codeString(code: unknown): string | undefined {
  const n = asNumber(code);
  return n === undefined ? undefined : String(n);
}

export function errorResponse(
  error: { type?: string; message: string },
  streamed: boolean,
): NormalizedResponse {
  return { ...emptyResponse(streamed), error, stopReason: 'error' };
}

export function mapStop(table: Record<string, StopReason>, raw: string | undefined): StopReason | undefined {
  if (raw === undefined) return undefined;
  return table[raw] ?? 'other';
}

/** True when any output carries a tool call: APIs that answer 'stop' for tool calls (Gemini, Ollama) get 'tool-use'. */
export function hasToolCall(response: NormalizedResponse): boolean {
  return response.outputs.some((m) => m.parts.some((p) => p.type === 'tool-call'));
}

/** APIs whose whole answer has the shape of one stream chunk (Gemini, Ollama) parse it as a one-event stream. */
export function parseAsSingleChunk(
  body: unknown,
  notes: string[],
  assemble: (stream: DecodedStream, notes: string[], streamed: boolean) => AssembledStream,
): NormalizedResponse {
  if (!isRecord(body)) {
    notes.push('response body is not a JSON object');
    return emptyResponse(false);
  }
  return assemble({ events: [body], done: false }, notes, false).response;
}
