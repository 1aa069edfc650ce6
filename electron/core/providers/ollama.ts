import type { Message, NormalizedRequest, NormalizedResponse, Part, StopReason, Usage } from '../../../shared/normalized';
import type { AssembledStream, DecodedStream } from './adapter';
import { asArray, asNumber, asRecord, asString, isRecord, restParams } from './json-util';
import { chatToolCallParts, chatTools } from './openai-chat';
import { appendText, appendThinking, imageFromBase64, message, roleOf, textParts } from './parts';
import { compactUsage, emptyResponse, extractError, hasToolCall, mapStop, parseAsSingleChunk } from './response-util';

// Ollama's native /api/chat and /api/generate. Both stream NDJSON unless the request says `"stream": false`;
// tool calls come whole with object arguments and usually no id; the last line has `done: true` and the counts.

const OLLAMA_STOP: Record<string, StopReason> = { stop: 'end', length: 'max-tokens' };

function images(raw: unknown): Part[] {
  return asArray(raw).filter((i): i is string => typeof i === 'string').map((data) => imageFromBase64(data));
}

function messageParts(msg: Record<string, unknown>): Part[] {
  return [
    ...(asString(msg.thinking) ? [{ type: 'thinking', text: msg.thinking as string } as Part] : []),
    ...textParts(msg.content),
    ...images(msg.images),
    ...chatToolCallParts(msg.tool_calls),
  ];
}

function normalizeMessage(msg: Record<string, unknown>): Message {
  const role = roleOf(msg.role);
  if (role !== 'tool') return message(role, messageParts(msg));
  const name = asString(msg.tool_name) ?? asString(msg.name);
  return message('tool', [{ type: 'tool-result', ...(name ? { name } : {}), content: textParts(msg.content) }]);
}

export function ollamaUsage(body: Record<string, unknown>): Usage {
  const input = asNumber(body.prompt_eval_count);
  const output = asNumber(body.eval_count);
  const total = input !== undefined || output !== undefined ? (input ?? 0) + (output ?? 0) : undefined;
  return compactUsage({ inputTokens: input, outputTokens: output, totalTokens: total });
}

export function parseOllamaRequest(body: unknown, notes: string[]): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream: true, sessionHints: {} };
  }
  const messages: Message[] = [];
  if (Array.isArray(req.messages)) messages.push(...req.messages.filter(isRecord).map(normalizeMessage));
  else {
    // /api/generate: a system string and one prompt.
    if (asString(req.system)) messages.push(message('system', textParts(req.system)));
    messages.push(message('user', [...textParts(req.prompt), ...images(req.images)]));
  }
  const tools = chatTools(req.tools);
  return {
    ...(asString(req.model) ? { model: req.model as string } : {}),
    messages,
    ...(tools ? { tools } : {}),
    params: restParams(req, ['model', 'messages', 'prompt', 'system', 'images', 'tools', 'stream', 'context']),
    // Ollama streams by default.
    stream: req.stream !== false,
    sessionHints: {},
  };
}

export function assembleOllamaStream(stream: DecodedStream, _notes: string[], streamed = true): AssembledStream {
  const response = emptyResponse(streamed);
  const parts: Part[] = [];
  let complete = false;
  let rawStop: string | undefined;
  for (const event of stream.events) {
    if (!isRecord(event)) continue;
    const error = extractError(event);
    if (error) {
      response.error = error;
      complete = true;
      continue;
    }
    if (asString(event.model)) response.model = event.model as string;
    const msg = asRecord(event.message) ?? {};
    const thinking = asString(msg.thinking) ?? asString(event.thinking);
    if (thinking) appendThinking(parts, thinking);
    appendText(parts, asString(msg.content) ?? asString(event.response) ?? '');
    parts.push(...images(msg.images), ...chatToolCallParts(msg.tool_calls));
    if (event.done === true) {
      complete = true;
      rawStop = asString(event.done_reason) ?? rawStop;
      response.usage = ollamaUsage(event);
    }
  }
  response.outputs = [message('assistant', parts)];
  if (rawStop) response.rawStopReason = rawStop;
  if (response.error) response.stopReason = 'error';
  else if (rawStop) response.stopReason = rawStop === 'stop' && hasToolCall(response) ? 'tool-use' : mapStop(OLLAMA_STOP, rawStop);
  return { response, complete };
}

export function parseOllamaResponse(body: unknown, notes: string[]): NormalizedResponse {
  return parseAsSingleChunk(body, notes, assembleOllamaStream);
}

export function ollamaTextDelta(event: unknown): string {
  const record = asRecord(event);
  if (!record) return '';
  const msg = asRecord(record.message);
  return (asString(msg?.thinking) ?? asString(record.thinking) ?? '') + (asString(msg?.content) ?? asString(record.response) ?? '');
}
