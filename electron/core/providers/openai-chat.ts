import type { Message, NormalizedRequest, NormalizedResponse, Part, StopReason, ToolSpec, Usage } from '../../../shared/normalized';
import { asArray, asNumber, asRecord, asString, isRecord, parseArguments, restParams, type JsonRecord } from './json-util';
import { imageFromUrl, message, otherPart, roleOf, textParts } from './parts';
import { compactUsage, emptyResponse, errorResponse, extractError, mapStop } from './response-util';
import { openAiBodyHints } from './session-hints';

// OpenAI Chat Completions, which most gateways and local servers (vLLM, LM Studio, Ollama /v1) also speak.

const CHAT_STOP: Record<string, StopReason> = {
  stop: 'end',
  length: 'max-tokens',
  tool_calls: 'tool-use',
  function_call: 'tool-use',
  content_filter: 'content-filter',
};

export function chatStopReason(raw: string | undefined, refused: boolean): StopReason | undefined {
  if (refused) return 'refusal';
  return mapStop(CHAT_STOP, raw);
}

export function chatContentParts(content: unknown): Part[] {
  if (typeof content === 'string') return textParts(content);
  const parts: Part[] = [];
  for (const block of asArray(content)) {
    if (typeof block === 'string') {
      parts.push(...textParts(block));
      continue;
    }
    if (!isRecord(block)) continue;
    const type = asString(block.type);
    if (type === 'text' || type === 'input_text' || type === 'output_text') parts.push(...textParts(block.text));
    else if (type === 'refusal') parts.push(...textParts(block.refusal));
    else if (type === 'image_url') {
      const url = asString(block.image_url) ?? asString(asRecord(block.image_url)?.url);
      parts.push(url ? imageFromUrl(url) : otherPart('image_url', block));
    } else parts.push(otherPart(type ?? 'unknown', block));
  }
  return parts;
}

/** Tool calls of an assistant message, or of a response choice; both use the same shape. */
export function chatToolCallParts(toolCalls: unknown, functionCall?: unknown): Part[] {
  const parts: Part[] = [];
  for (const call of asArray(toolCalls)) {
    if (!isRecord(call)) continue;
    const fn = asRecord(call.function) ?? asRecord(call.custom);
    const name = asString(fn?.name) ?? '';
    const args = fn?.arguments ?? fn?.input;
    parts.push({ type: 'tool-call', ...(asString(call.id) ? { id: call.id as string } : {}), name, arguments: parseArguments(args) });
  }
  const legacy = asRecord(functionCall);
  if (legacy) parts.push({ type: 'tool-call', name: asString(legacy.name) ?? '', arguments: parseArguments(legacy.arguments) });
  return parts;
}

/** DeepSeek sends `reasoning_content`, OpenRouter and vLLM `reasoning`. */
export function chatReasoningParts(msg: JsonRecord): Part[] {
  const text = asString(msg.reasoning_content) ?? asString(msg.reasoning);
  return text ? [{ type: 'thinking', text }] : [];
}

function normalizeMessage(raw: unknown): Message | undefined {
  if (!isRecord(raw)) return undefined;
  const role = roleOf(raw.role);
  const name = asString(raw.name);
  if (role === 'tool') {
    const result: Part = {
      type: 'tool-result',
      ...(asString(raw.tool_call_id) ? { toolCallId: raw.tool_call_id as string } : {}),
      ...(raw.role === 'function' && name ? { name } : {}),
      content: chatContentParts(raw.content),
    };
    return message('tool', [result]);
  }
  if (role === 'assistant') return message(role, assistantParts(raw), name);
  return message(role, chatContentParts(raw.content), name);
}

export function assistantParts(msg: JsonRecord): Part[] {
  return [
    ...chatReasoningParts(msg),
    ...chatContentParts(msg.content),
    ...textParts(msg.refusal),
    ...chatToolCallParts(msg.tool_calls, msg.function_call),
  ];
}

export function chatTools(tools: unknown, functions?: unknown): ToolSpec[] | undefined {
  const specs: ToolSpec[] = [];
  for (const tool of [...asArray(tools), ...asArray(functions)]) {
    if (!isRecord(tool)) continue;
    const fn = asRecord(tool.function) ?? asRecord(tool.custom) ?? tool;
    const name = asString(fn.name) ?? asString(tool.type) ?? 'unknown';
    const description = asString(fn.description);
    const schema = fn.parameters ?? fn.format;
    specs.push({ name, ...(description ? { description } : {}), ...(schema !== undefined ? { schema } : {}) });
  }
  return specs.length > 0 ? specs : undefined;
}

export function chatUsage(raw: unknown): Usage {
  const usage = asRecord(raw);
  if (!usage) return {};
  return compactUsage({
    inputTokens: asNumber(usage.prompt_tokens),
    outputTokens: asNumber(usage.completion_tokens),
    cacheReadTokens: asNumber(asRecord(usage.prompt_tokens_details)?.cached_tokens),
    reasoningTokens: asNumber(asRecord(usage.completion_tokens_details)?.reasoning_tokens),
    totalTokens: asNumber(usage.total_tokens),
  });
}

export function parseChatRequest(body: unknown, notes: string[]): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream: false, sessionHints: {} };
  }
  if (!Array.isArray(req.messages)) notes.push('request has no messages array');
  const messages = asArray(req.messages).map(normalizeMessage).filter((m): m is Message => m !== undefined);
  const tools = chatTools(req.tools, req.functions);
  return {
    ...(asString(req.model) ? { model: req.model as string } : {}),
    messages,
    ...(tools ? { tools } : {}),
    params: restParams(req, ['model', 'messages', 'tools', 'functions', 'stream']),
    stream: req.stream === true,
    sessionHints: openAiBodyHints(req),
  };
}

export function parseChatResponse(body: unknown, notes: string[]): NormalizedResponse {
  const res = asRecord(body);
  const error = extractError(body);
  if (error) return errorResponse(error, false);
  if (!res) {
    notes.push('response body is not a JSON object');
    return emptyResponse(false);
  }
  const choices = asArray(res.choices)
    .filter(isRecord)
    .sort((a, b) => (asNumber(a.index) ?? 0) - (asNumber(b.index) ?? 0));
  const first = choices[0];
  const rawStop = asString(first?.finish_reason);
  const refused = choices.some((c) => typeof asRecord(c.message)?.refusal === 'string');
  const stopReason = chatStopReason(rawStop, refused);
  return {
    ...(asString(res.id) ? { id: res.id as string } : {}),
    ...(asString(res.model) ? { model: res.model as string } : {}),
    outputs: choices.map((c) => message('assistant', assistantParts(asRecord(c.message) ?? {}))),
    usage: chatUsage(res.usage),
    ...(stopReason ? { stopReason } : {}),
    ...(rawStop ? { rawStopReason: rawStop } : {}),
    streamed: false,
  };
}
