import type { Message, Part } from '../../../shared/normalized';
import { asArray, asRecord, asString, isRecord, parseArguments } from './json-util';
import { imageFromUrl, message, otherPart, roleOf, textParts } from './parts';

// Responses API items, shared by request `input` and response `output`. Items the model produced (messages,
// reasoning, function calls, built-in tool calls) are gathered into one assistant message, because that is what
// one response is; replayed items carry `id` and `status`, which are dropped so a replay equals the original.

export function responsesContentParts(content: unknown): Part[] {
  if (typeof content === 'string') return textParts(content);
  const parts: Part[] = [];
  for (const block of asArray(content)) {
    if (!isRecord(block)) continue;
    const type = asString(block.type) ?? 'unknown';
    if (type === 'input_text' || type === 'output_text' || type === 'text') parts.push(...textParts(block.text));
    else if (type === 'refusal') parts.push(...textParts(block.refusal));
    else if (type === 'input_image' && asString(block.image_url)) parts.push(imageFromUrl(block.image_url as string));
    else parts.push(otherPart(type, block));
  }
  return parts;
}

export function reasoningPart(item: Record<string, unknown>): Part[] {
  const summary = asArray(item.summary).map((s) => asString(asRecord(s)?.text) ?? '').filter((t) => t !== '');
  const content = asArray(item.content).map((s) => asString(asRecord(s)?.text) ?? '').filter((t) => t !== '');
  const text = (summary.length > 0 ? summary : content).join('\n\n');
  const encrypted = asString(item.encrypted_content);
  if (text === '' && !encrypted) return [];
  return [{ type: 'thinking', text, ...(encrypted ? { encrypted } : {}) }];
}

/** Parts of an item the model produced; undefined when the item is not model output. */
function assistantItemParts(item: Record<string, unknown>): Part[] | undefined {
  const type = asString(item.type);
  if ((type === 'message' || type === undefined) && roleOf(item.role) === 'assistant') return responsesContentParts(item.content);
  if (type === 'reasoning') return reasoningPart(item);
  if (type === 'function_call' || type === 'custom_tool_call') {
    const callId = asString(item.call_id);
    return [{ type: 'tool-call', ...(callId ? { id: callId } : {}), name: asString(item.name) ?? '', arguments: parseArguments(item.arguments ?? item.input) }];
  }
  if (type !== undefined && type.endsWith('_call')) return [otherPart(type, item)];
  return undefined;
}

function toolOutputMessage(item: Record<string, unknown>): Message {
  const callId = asString(item.call_id);
  const output = item.output;
  const content = typeof output === 'string' || Array.isArray(output) ? responsesContentParts(output) : output === undefined ? [] : [otherPart('output', output)];
  return message('tool', [{ type: 'tool-result', ...(callId ? { toolCallId: callId } : {}), content }]);
}

/** Request `input` (or `instructions` given as items) into messages. */
export function responsesInputMessages(input: unknown): Message[] {
  if (typeof input === 'string') return [message('user', textParts(input))];
  const messages: Message[] = [];
  let assistant: Message | undefined;
  for (const raw of asArray(input)) {
    if (!isRecord(raw)) continue;
    const produced = assistantItemParts(raw);
    if (produced) {
      if (!assistant) {
        assistant = message('assistant', []);
        messages.push(assistant);
      }
      assistant.parts.push(...produced);
      continue;
    }
    assistant = undefined;
    const type = asString(raw.type);
    if (type !== undefined && type.endsWith('_output')) messages.push(toolOutputMessage(raw));
    else if (type === 'message' || type === undefined) messages.push(message(roleOf(raw.role), responsesContentParts(raw.content)));
    else messages.push(message('user', [otherPart(type, raw)]));
  }
  return messages;
}

/** Response `output` items into the single assistant message of the response. */
export function responsesOutputMessage(output: unknown): Message {
  const parts: Part[] = [];
  for (const raw of asArray(output)) {
    if (!isRecord(raw)) continue;
    parts.push(...(assistantItemParts(raw) ?? [otherPart(asString(raw.type) ?? 'unknown', raw)]));
  }
  return message('assistant', parts);
}
