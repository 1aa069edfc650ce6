import type { Message, NormalizedRequest, NormalizedResponse, Part, StopReason, ToolSpec, Usage } from '../../../shared/normalized';
import { asArray, asNumber, asRecord, asString, isRecord, parseArguments, restParams } from './json-util';
import { flatToolSpecs, imageFromBase64, imageFromUrl, message, otherPart, roleOf, textParts } from './parts';
import { compactUsage, emptyResponse, errorResponse, extractError, mapStop } from './response-util';
import { anthropicUserIdHints } from './session-hints';

// Anthropic Messages. Content blocks carry cache_control breakpoints that Claude Code moves every turn; they are
// transport hints and never reach the normalized parts.

const ANTHROPIC_STOP: Record<string, StopReason> = {
  end_turn: 'end',
  max_tokens: 'max-tokens',
  model_context_window_exceeded: 'max-tokens',
  tool_use: 'tool-use',
  stop_sequence: 'stop-sequence',
  refusal: 'refusal',
  pause_turn: 'other',
};

export function anthropicStopReason(raw: string | undefined): StopReason | undefined {
  return mapStop(ANTHROPIC_STOP, raw);
}

export function anthropicBlockParts(content: unknown): Part[] {
  if (typeof content === 'string') return textParts(content);
  return asArray(content).flatMap(anthropicBlockPart);
}

export function anthropicBlockPart(block: unknown): Part[] {
  if (!isRecord(block)) return [];
  const type = asString(block.type) ?? 'unknown';
  switch (type) {
    case 'text':
      return textParts(block.text);
    case 'image': {
      const source = asRecord(block.source);
      const mediaType = asString(source?.media_type);
      if (asString(source?.data)) return [imageFromBase64(source?.data as string, mediaType)];
      if (asString(source?.url)) return [imageFromUrl(source?.url as string, mediaType)];
      return [otherPart(type, block)];
    }
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return [{ type: 'tool-call', ...(asString(block.id) ? { id: block.id as string } : {}), name: asString(block.name) ?? '', arguments: parseArguments(block.input) }];
    case 'thinking':
      return [{ type: 'thinking', text: asString(block.thinking) ?? '', ...(asString(block.signature) ? { signature: block.signature as string } : {}) }];
    case 'redacted_thinking':
      return [{ type: 'thinking', text: '', ...(asString(block.data) ? { encrypted: block.data as string } : {}), redacted: true }];
    default:
      // tool_result, web_search_tool_result, code_execution_tool_result, mcp_tool_result, ...
      if (type.endsWith('tool_result')) return [toolResultPart(block)];
      return [otherPart(type, block)];
  }
}

function toolResultPart(block: Record<string, unknown>): Part {
  const content = block.content;
  const parts = typeof content === 'string' || Array.isArray(content) ? anthropicBlockParts(content) : [];
  return {
    type: 'tool-result',
    ...(asString(block.tool_use_id) ? { toolCallId: block.tool_use_id as string } : {}),
    content: parts,
    ...(block.is_error === true ? { isError: true } : {}),
  };
}

export function anthropicUsage(raw: unknown): Usage {
  const usage = asRecord(raw);
  if (!usage) return {};
  return compactUsage({
    inputTokens: asNumber(usage.input_tokens),
    outputTokens: asNumber(usage.output_tokens),
    cacheReadTokens: asNumber(usage.cache_read_input_tokens),
    cacheWriteTokens: asNumber(usage.cache_creation_input_tokens),
    reasoningTokens: asNumber(asRecord(usage.output_tokens_details)?.thinking_tokens),
  });
}

/** Anthropic reports no total; input excludes cached tokens, so the total is the sum of all four counters. */
export function withAnthropicTotal(usage: Usage): Usage {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return usage;
  const total = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  return { ...usage, totalTokens: total };
}

function systemMessages(system: unknown): Message[] {
  const parts = anthropicBlockParts(system);
  return parts.length > 0 ? [message('system', parts)] : [];
}

const tools = (raw: unknown) => flatToolSpecs(raw, 'input_schema');

export function parseAnthropicRequest(body: unknown, notes: string[]): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream: false, sessionHints: {} };
  }
  if (!Array.isArray(req.messages)) notes.push('request has no messages array');
  const messages = [
    ...systemMessages(req.system),
    ...asArray(req.messages)
      .filter(isRecord)
      .map((m) => message(roleOf(m.role), anthropicBlockParts(m.content))),
  ];
  const toolSpecs = tools(req.tools);
  return {
    ...(asString(req.model) ? { model: req.model as string } : {}),
    messages,
    ...(toolSpecs ? { tools: toolSpecs } : {}),
    params: restParams(req, ['model', 'messages', 'system', 'tools', 'stream']),
    stream: req.stream === true,
    sessionHints: anthropicUserIdHints(asRecord(req.metadata)?.user_id),
  };
}

export function parseAnthropicResponse(body: unknown, notes: string[]): NormalizedResponse {
  const error = extractError(body);
  if (error) return errorResponse(error, false);
  const res = asRecord(body);
  if (!res) {
    notes.push('response body is not a JSON object');
    return emptyResponse(false);
  }
  const rawStop = asString(res.stop_reason);
  const stopReason = anthropicStopReason(rawStop);
  return {
    ...(asString(res.id) ? { id: res.id as string } : {}),
    ...(asString(res.model) ? { model: res.model as string } : {}),
    outputs: [message('assistant', anthropicBlockParts(res.content))],
    usage: withAnthropicTotal(anthropicUsage(res.usage)),
    ...(stopReason ? { stopReason } : {}),
    ...(rawStop ? { rawStopReason: rawStop } : {}),
    streamed: false,
  };
}
