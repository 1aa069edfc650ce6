import type { NormalizedRequest, NormalizedResponse, StopReason, ToolSpec, Usage } from '../../../shared/normalized';
import { asArray, asNumber, asRecord, asString, isRecord, restParams } from './json-util';
import { responsesInputMessages, responsesOutputMessage } from './openai-responses-items';
import { flatToolSpecs, message, textParts } from './parts';
import { compactUsage, emptyResponse, errorResponse, extractError, hasToolCall } from './response-util';
import { openAiBodyHints } from './session-hints';

// OpenAI Responses: request `instructions` + `input` items, response `output` items and a `status`.

export function responsesUsage(raw: unknown): Usage {
  const usage = asRecord(raw);
  if (!usage) return {};
  return compactUsage({
    inputTokens: asNumber(usage.input_tokens),
    outputTokens: asNumber(usage.output_tokens),
    cacheReadTokens: asNumber(asRecord(usage.input_tokens_details)?.cached_tokens),
    reasoningTokens: asNumber(asRecord(usage.output_tokens_details)?.reasoning_tokens),
    totalTokens: asNumber(usage.total_tokens),
  });
}

const tools = (raw: unknown) => flatToolSpecs(raw, 'parameters');

export function parseResponsesRequest(body: unknown, notes: string[]): NormalizedRequest {
  const req = asRecord(body);
  if (!req) {
    notes.push('request body is not a JSON object');
    return { messages: [], params: {}, stream: false, sessionHints: {} };
  }
  const instructions =
    typeof req.instructions === 'string' ? [message('system', textParts(req.instructions))].filter((m) => m.parts.length > 0) : responsesInputMessages(req.instructions);
  const toolSpecs = tools(req.tools);
  const previous = asString(req.previous_response_id);
  return {
    ...(asString(req.model) ? { model: req.model as string } : {}),
    messages: [...instructions, ...responsesInputMessages(req.input)],
    ...(toolSpecs ? { tools: toolSpecs } : {}),
    params: restParams(req, ['model', 'input', 'instructions', 'tools', 'stream', 'previous_response_id']),
    stream: req.stream === true,
    ...(previous ? { previousResponseId: previous } : {}),
    sessionHints: openAiBodyHints(req),
  };
}

function stopOf(res: Record<string, unknown>, response: NormalizedResponse): { stop?: StopReason; raw?: string } {
  const status = asString(res.status);
  const reason = asString(asRecord(res.incomplete_details)?.reason);
  const refused = asArray(res.output).some((item) => asArray(asRecord(item)?.content).some((c) => asRecord(c)?.type === 'refusal'));
  if (status === 'failed') return { stop: 'error', raw: status };
  if (status === 'incomplete') {
    const stop = reason === 'max_output_tokens' ? 'max-tokens' : reason === 'content_filter' ? 'content-filter' : 'other';
    return { stop, raw: reason ?? status };
  }
  if (status === 'completed') return { stop: refused ? 'refusal' : hasToolCall(response) ? 'tool-use' : 'end', raw: status };
  return status ? { stop: 'other', raw: status } : {};
}

/** A complete response object, whether it came as the body or in a stream's terminal event. */
export function responsesResult(res: Record<string, unknown>, streamed: boolean): NormalizedResponse {
  const response: NormalizedResponse = {
    ...emptyResponse(streamed),
    ...(asString(res.id) ? { id: res.id as string } : {}),
    ...(asString(res.model) ? { model: res.model as string } : {}),
    outputs: [responsesOutputMessage(res.output)],
    usage: responsesUsage(res.usage),
  };
  const error = extractError(res);
  if (error) response.error = error;
  const { stop, raw } = stopOf(res, response);
  if (stop) response.stopReason = stop;
  if (raw) response.rawStopReason = raw;
  return response;
}

export function parseResponsesResponse(body: unknown, notes: string[]): NormalizedResponse {
  const res = asRecord(body);
  if (!res) {
    notes.push('response body is not a JSON object');
    return emptyResponse(false);
  }
  // An HTTP error body has `error` and no `object`; a failed response object has both.
  if (res.object !== 'response') {
    const error = extractError(res);
    if (error) return errorResponse(error, false);
  }
  return responsesResult(res, false);
}
