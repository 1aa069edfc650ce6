import type { Api, NormalizedRequest, NormalizedResponse, Part } from '../../../shared/normalized';
import type { AssembledStream, ProviderAdapter } from './adapter';
import { asNumber, asRecord, asString, restParams } from './json-util';
import { geminiParts } from './gemini';
import { message, otherPart, textParts } from './parts';
import { compactUsage, emptyResponse, errorResponse, extractError } from './response-util';

// Embeddings for OpenAI-compatible APIs, Gemini (embedContent / batchEmbedContents) and Ollama (/api/embed,
// /api/embeddings). The inputs become one user message; the vectors themselves are reduced to count and size.

function inputParts(input: unknown): Part[] {
  if (typeof input === 'string') return textParts(input);
  if (!Array.isArray(input)) return input === undefined ? [] : [otherPart('input', input)];
  if (input.every((x) => typeof x === 'number')) return [otherPart('tokens', input)];
  return input.flatMap((x) => (typeof x === 'string' ? textParts(x) : [otherPart('tokens', x)]));
}

function parseRequest(body: unknown, notes: string[]): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream: false, sessionHints: {} };
  }
  let parts: Part[];
  if (Array.isArray(req.requests)) parts = req.requests.flatMap((r) => geminiParts(asRecord(r)?.content));
  else if (req.content !== undefined) parts = geminiParts(req.content);
  else parts = inputParts(req.input ?? req.prompt);
  return {
    ...(asString(req.model) ? { model: (req.model as string).replace(/^models\//, '') } : {}),
    messages: [message('user', parts)],
    params: restParams(req, ['model', 'input', 'prompt', 'content', 'requests']),
    stream: false,
    sessionHints: {},
  };
}

function dimensionsOf(vector: unknown): number | undefined {
  if (Array.isArray(vector)) return vector.length;
  // encoding_format "base64": little-endian float32s.
  if (typeof vector === 'string') return Math.floor((vector.replace(/=+$/, '').length * 3) / 4 / 4);
  const values = asRecord(vector)?.values;
  return Array.isArray(values) ? values.length : undefined;
}

function vectorsOf(res: Record<string, unknown>): unknown[] {
  if (Array.isArray(res.data)) return res.data.map((d) => asRecord(d)?.embedding);
  if (Array.isArray(res.embeddings)) return res.embeddings;
  if (res.embedding !== undefined) return [res.embedding];
  return [];
}

function parseResponse(body: unknown, notes: string[]): NormalizedResponse {
  const error = extractError(body);
  if (error) return errorResponse(error, false);
  const res = asRecord(body);
  if (!res) {
    notes.push('response body is not a JSON object');
    return emptyResponse(false);
  }
  const vectors = vectorsOf(res);
  const dimensions = vectors.length > 0 ? dimensionsOf(vectors[0]) : undefined;
  const usage = asRecord(res.usage);
  return {
    ...(asString(res.model) ? { model: res.model as string } : {}),
    outputs: [],
    usage: compactUsage({
      inputTokens: asNumber(usage?.prompt_tokens) ?? asNumber(res.prompt_eval_count),
      totalTokens: asNumber(usage?.total_tokens),
    }),
    embeddings: { count: vectors.length, ...(dimensions !== undefined ? { dimensions } : {}) },
    streamed: false,
  };
}

function assembleStream(_stream: unknown, notes: string[]): AssembledStream {
  notes.push('embeddings responses are not streamed; stream framing ignored');
  return { response: emptyResponse(true), complete: true };
}

function embeddingsAdapter(api: Api): ProviderAdapter {
  return { api, parseRequest, parseResponse, assembleStream, textDelta: () => '' };
}

export const openAiEmbeddingsAdapter = embeddingsAdapter('openai-embeddings');
export const geminiEmbedAdapter = embeddingsAdapter('gemini-embed');
export const ollamaEmbedAdapter = embeddingsAdapter('ollama-embed');

