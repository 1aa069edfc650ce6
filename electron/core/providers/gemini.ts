import type { Message, NormalizedRequest, NormalizedResponse, Part, StopReason, ToolSpec, Usage } from '../../../shared/normalized';
import type { AssembledStream, DecodedStream } from './adapter';
import { asArray, asNumber, asRecord, asString, isRecord, parseArguments, restParams } from './json-util';
import { appendText, appendThinking, imageFromBase64, imageFromUrl, message, otherPart, roleOf } from './parts';
import { compactUsage, emptyResponse, extractError, hasToolCall, mapStop, parseAsSingleChunk } from './response-util';

// Gemini generateContent / streamGenerateContent (Google AI and Vertex). A stream is a sequence of ordinary
// GenerateContentResponse objects, so the non-streamed body is assembled as a stream of one.
// Adjacent text parts are merged on both sides: a streamed answer arrives as many text deltas and SDKs echo it
// back as one part (or as several, with a trailing empty part holding the thought signature).

const GEMINI_STOP: Record<string, StopReason> = {
  STOP: 'end',
  MAX_TOKENS: 'max-tokens',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  IMAGE_SAFETY: 'content-filter',
  LANGUAGE: 'content-filter',
};

function pushGeminiPart(parts: Part[], raw: unknown): void {
  if (!isRecord(raw)) return;
  if (typeof raw.text === 'string') {
    // A thought signature on a non-thought part is replay validation, not content.
    if (raw.thought === true) appendThinking(parts, raw.text, asString(raw.thoughtSignature));
    else appendText(parts, raw.text);
    return;
  }
  const call = asRecord(raw.functionCall);
  if (call) {
    parts.push({ type: 'tool-call', ...(asString(call.id) ? { id: call.id as string } : {}), name: asString(call.name) ?? '', arguments: parseArguments(call.args) });
    return;
  }
  const result = asRecord(raw.functionResponse);
  if (result) {
    const name = asString(result.name);
    parts.push({
      type: 'tool-result',
      ...(asString(result.id) ? { toolCallId: result.id as string } : {}),
      ...(name ? { name } : {}),
      content: result.response === undefined ? [] : [{ type: 'other', kind: 'json', raw: result.response }],
    });
    return;
  }
  const inline = asRecord(raw.inlineData);
  const file = asRecord(raw.fileData);
  const mediaType = asString(inline?.mimeType) ?? asString(file?.mimeType);
  if (mediaType?.startsWith('image/') && asString(inline?.data)) parts.push(imageFromBase64(inline?.data as string, mediaType));
  else if (mediaType?.startsWith('image/') && asString(file?.fileUri)) parts.push(imageFromUrl(file?.fileUri as string, mediaType));
  else {
    const kind = Object.keys(raw).find((k) => k !== 'thoughtSignature') ?? 'unknown';
    parts.push(otherPart(kind, raw));
  }
}

export function geminiParts(content: unknown): Part[] {
  const parts: Part[] = [];
  const record = asRecord(content);
  for (const raw of record ? asArray(record.parts) : asArray(content)) pushGeminiPart(parts, raw);
  return parts;
}

export function geminiUsage(raw: unknown): Usage {
  const usage = asRecord(raw);
  if (!usage) return {};
  return compactUsage({
    inputTokens: asNumber(usage.promptTokenCount),
    outputTokens: asNumber(usage.candidatesTokenCount),
    cacheReadTokens: asNumber(usage.cachedContentTokenCount),
    reasoningTokens: asNumber(usage.thoughtsTokenCount),
    totalTokens: asNumber(usage.totalTokenCount),
  });
}

function tools(raw: unknown): ToolSpec[] | undefined {
  const specs: ToolSpec[] = [];
  for (const tool of asArray(raw).filter(isRecord)) {
    const declarations = asArray(tool.functionDeclarations ?? tool.function_declarations).filter(isRecord);
    for (const fn of declarations) {
      const description = asString(fn.description);
      const schema = fn.parametersJsonSchema ?? fn.parameters;
      specs.push({ name: asString(fn.name) ?? 'unknown', ...(description ? { description } : {}), ...(schema !== undefined ? { schema } : {}) });
    }
    if (declarations.length === 0) specs.push({ name: Object.keys(tool)[0] ?? 'unknown' });
  }
  return specs.length > 0 ? specs : undefined;
}

export function parseGeminiRequest(body: unknown, notes: string[], stream = false): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream, sessionHints: {} };
  }
  const systemSource = req.systemInstruction ?? req.system_instruction;
  const system = typeof systemSource === 'string' ? [{ type: 'text', text: systemSource } as Part] : geminiParts(systemSource);
  const messages: Message[] = system.length > 0 ? [message('system', system)] : [];
  for (const content of asArray(req.contents).filter(isRecord)) messages.push(message(roleOf(content.role), geminiParts(content)));
  const toolSpecs = tools(req.tools);
  return {
    ...(asString(req.model) ? { model: (req.model as string).replace(/^models\//, '') } : {}),
    messages,
    ...(toolSpecs ? { tools: toolSpecs } : {}),
    params: restParams(req, ['model', 'contents', 'systemInstruction', 'system_instruction', 'tools']),
    stream,
    sessionHints: {},
  };
}

interface CandidateState {
  parts: Part[];
  finish?: string;
}

export function assembleGeminiStream(stream: DecodedStream, _notes: string[], streamed = true): AssembledStream {
  const response = emptyResponse(streamed);
  const candidates = new Map<number, CandidateState>();
  let complete = false;
  let blockReason: string | undefined;
  for (const event of stream.events) {
    if (!isRecord(event)) continue;
    const error = extractError(event);
    if (error) {
      response.error = error;
      complete = true;
      continue;
    }
    if (asString(event.responseId)) response.id = event.responseId as string;
    if (asString(event.modelVersion)) response.model = event.modelVersion as string;
    // usageMetadata is cumulative on every chunk: the last one is the total.
    if (isRecord(event.usageMetadata)) response.usage = geminiUsage(event.usageMetadata);
    blockReason = asString(asRecord(event.promptFeedback)?.blockReason) ?? blockReason;
    for (const raw of asArray(event.candidates).filter(isRecord)) {
      const index = asNumber(raw.index) ?? 0;
      const state = candidates.get(index) ?? { parts: [] };
      candidates.set(index, state);
      for (const part of asArray(asRecord(raw.content)?.parts)) pushGeminiPart(state.parts, part);
      const finish = asString(raw.finishReason);
      if (finish) {
        state.finish = finish;
        complete = true;
      }
    }
  }
  const ordered = [...candidates.keys()].sort((a, b) => a - b).map((i) => candidates.get(i) as CandidateState);
  response.outputs = ordered.map((c) => message('assistant', c.parts));
  const rawStop = ordered[0]?.finish ?? blockReason;
  if (rawStop) response.rawStopReason = rawStop;
  if (response.error) response.stopReason = 'error';
  else if (blockReason && !ordered[0]?.finish) {
    response.stopReason = 'content-filter';
    complete = true;
  } else if (rawStop) response.stopReason = rawStop === 'STOP' && hasToolCall(response) ? 'tool-use' : mapStop(GEMINI_STOP, rawStop);
  return { response, complete };
}

export function parseGeminiResponse(body: unknown, notes: string[]): NormalizedResponse {
  return parseAsSingleChunk(body, notes, assembleGeminiStream);
}

export function geminiTextDelta(event: unknown): string {
  const candidate = asRecord(asArray(asRecord(event)?.candidates)[0]);
  let text = '';
  for (const part of asArray(asRecord(candidate?.content)?.parts)) text += asString(asRecord(part)?.text) ?? '';
  return text;
}
