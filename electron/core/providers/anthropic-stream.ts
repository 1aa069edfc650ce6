import type { Part } from '../../../shared/normalized';
import type { AssembledStream, DecodedStream } from './adapter';
import { anthropicBlockPart, anthropicStopReason, anthropicUsage, withAnthropicTotal } from './anthropic-messages';
import { asNumber, asRecord, asString, isRecord, tryParseJson } from './json-util';
import { message } from './parts';
import { emptyResponse, extractError, mergeUsage } from './response-util';

// Anthropic streams: content blocks open with content_block_start, grow with typed deltas, close with
// content_block_stop. Usage arrives twice, in message_start and message_delta, and the two are merged.

interface BlockState {
  start: Record<string, unknown>;
  text: string;
  thinking: string;
  signature: string;
  json: string;
}

function finishBlock(state: BlockState, notes: string[]): Part[] {
  const type = asString(state.start.type);
  const block: Record<string, unknown> = { ...state.start };
  if (type === 'text') block.text = (asString(state.start.text) ?? '') + state.text;
  if (type === 'thinking') {
    block.thinking = (asString(state.start.thinking) ?? '') + state.thinking;
    block.signature = state.signature || state.start.signature;
  }
  if (state.json.trim() !== '') {
    const parsed = tryParseJson(state.json);
    if (parsed.ok) block.input = parsed.value;
    else {
      notes.push(`tool call ${asString(state.start.name) ?? ''} arguments are not complete JSON`);
      const parts = anthropicBlockPart(block);
      return parts.map((p) => (p.type === 'tool-call' ? { ...p, arguments: state.json } : p));
    }
  }
  return anthropicBlockPart(block);
}

export function assembleAnthropicStream(stream: DecodedStream, notes: string[]): AssembledStream {
  const response = emptyResponse(true);
  const blocks = new Map<number, BlockState>();
  let complete = false;
  let rawStop: string | undefined;
  for (const event of stream.events) {
    if (!isRecord(event)) continue;
    const index = asNumber(event.index) ?? 0;
    switch (event.type) {
      case 'message_start': {
        const msg = asRecord(event.message);
        if (asString(msg?.id)) response.id = msg?.id as string;
        if (asString(msg?.model)) response.model = msg?.model as string;
        response.usage = mergeUsage(response.usage, anthropicUsage(msg?.usage));
        break;
      }
      case 'content_block_start':
        blocks.set(index, { start: asRecord(event.content_block) ?? {}, text: '', thinking: '', signature: '', json: '' });
        break;
      case 'content_block_delta': {
        const state = blocks.get(index);
        const delta = asRecord(event.delta);
        if (!state || !delta) break;
        if (delta.type === 'text_delta') state.text += asString(delta.text) ?? '';
        else if (delta.type === 'thinking_delta') state.thinking += asString(delta.thinking) ?? '';
        else if (delta.type === 'signature_delta') state.signature += asString(delta.signature) ?? '';
        else if (delta.type === 'input_json_delta') state.json += asString(delta.partial_json) ?? '';
        break;
      }
      case 'message_delta':
        rawStop = asString(asRecord(event.delta)?.stop_reason) ?? rawStop;
        response.usage = mergeUsage(response.usage, anthropicUsage(event.usage));
        break;
      case 'message_stop':
        complete = true;
        break;
      case 'error':
        response.error = extractError(event) ?? { message: 'stream error' };
        complete = true;
        break;
      default:
        break;
    }
  }
  const parts = [...blocks.keys()].sort((a, b) => a - b).flatMap((i) => finishBlock(blocks.get(i) as BlockState, notes));
  response.outputs = [message('assistant', parts)];
  response.usage = withAnthropicTotal(response.usage);
  if (rawStop) response.rawStopReason = rawStop;
  const stop = response.error ? 'error' : anthropicStopReason(rawStop);
  if (stop) response.stopReason = stop;
  return { response, complete };
}

export function anthropicTextDelta(event: unknown): string {
  if (!isRecord(event) || event.type !== 'content_block_delta') return '';
  const delta = asRecord(event.delta);
  return asString(delta?.text) ?? asString(delta?.thinking) ?? '';
}
