import type { Part, Usage } from '../../../shared/normalized';
import type { AssembledStream, DecodedStream } from './adapter';
import { asArray, asNumber, asRecord, asString, isRecord, parseArguments } from './json-util';
import { chatStopReason, chatUsage } from './openai-chat';
import { appendText, message } from './parts';
import { emptyResponse, extractError, mergeUsage } from './response-util';

// Chat Completions chunks: `choices[].delta` carries content, refusal, reasoning and tool-call fragments keyed by
// choice index and tool-call index; usage comes in a final chunk with `choices: []`.

interface ToolCallState {
  id?: string;
  name: string;
  args: string;
}

interface ChoiceState {
  thinking: string;
  text: Part[];
  refusal: string;
  toolCalls: Map<number, ToolCallState>;
  finish?: string;
}

function choiceState(choices: Map<number, ChoiceState>, index: number): ChoiceState {
  let state = choices.get(index);
  if (!state) {
    state = { thinking: '', text: [], refusal: '', toolCalls: new Map() };
    choices.set(index, state);
  }
  return state;
}

function applyDelta(state: ChoiceState, delta: Record<string, unknown>): void {
  const thinking = asString(delta.reasoning_content) ?? asString(delta.reasoning);
  if (thinking) state.thinking += thinking;
  const content = asString(delta.content);
  if (content) appendText(state.text, content);
  const refusal = asString(delta.refusal);
  if (refusal) state.refusal += refusal;
  for (const raw of asArray(delta.tool_calls)) {
    if (!isRecord(raw)) continue;
    const index = asNumber(raw.index) ?? state.toolCalls.size;
    let call = state.toolCalls.get(index);
    if (!call) {
      call = { name: '', args: '' };
      state.toolCalls.set(index, call);
    }
    const fn = asRecord(raw.function);
    if (asString(raw.id)) call.id = raw.id as string;
    if (asString(fn?.name)) call.name += fn?.name as string;
    if (asString(fn?.arguments)) call.args += fn?.arguments as string;
  }
}

function choiceParts(state: ChoiceState, notes: string[]): Part[] {
  const parts: Part[] = [];
  if (state.thinking) parts.push({ type: 'thinking', text: state.thinking });
  parts.push(...state.text);
  if (state.refusal) parts.push({ type: 'text', text: state.refusal });
  for (const index of [...state.toolCalls.keys()].sort((a, b) => a - b)) {
    const call = state.toolCalls.get(index) as ToolCallState;
    const args = parseArguments(call.args);
    if (typeof args === 'string') notes.push(`tool call ${call.name || index} arguments are not complete JSON`);
    parts.push({ type: 'tool-call', ...(call.id ? { id: call.id } : {}), name: call.name, arguments: args });
  }
  return parts;
}

export function assembleChatStream(stream: DecodedStream, notes: string[]): AssembledStream {
  const response = emptyResponse(true);
  const choices = new Map<number, ChoiceState>();
  let usage: Usage = {};
  let errored = false;
  for (const event of stream.events) {
    if (!isRecord(event)) continue;
    const error = extractError(event);
    if (error) {
      response.error = error;
      errored = true;
      continue;
    }
    if (asString(event.id)) response.id = event.id as string;
    if (asString(event.model)) response.model = event.model as string;
    if (event.usage) usage = mergeUsage(usage, chatUsage(event.usage));
    // Groq reports stream usage in its own envelope on the last chunk.
    const groq = asRecord(event.x_groq);
    if (groq?.usage) usage = mergeUsage(usage, chatUsage(groq.usage));
    for (const choice of asArray(event.choices)) {
      if (!isRecord(choice)) continue;
      const state = choiceState(choices, asNumber(choice.index) ?? 0);
      const delta = asRecord(choice.delta);
      if (delta) applyDelta(state, delta);
      const finish = asString(choice.finish_reason);
      if (finish) state.finish = finish;
    }
  }
  const ordered = [...choices.keys()].sort((a, b) => a - b).map((i) => choices.get(i) as ChoiceState);
  response.outputs = ordered.map((state) => message('assistant', choiceParts(state, notes)));
  response.usage = usage;
  const rawStop = ordered[0]?.finish;
  if (errored) response.stopReason = 'error';
  else {
    const stop = chatStopReason(rawStop, ordered.some((s) => s.refusal !== ''));
    if (stop) response.stopReason = stop;
  }
  if (rawStop) response.rawStopReason = rawStop;
  // `[DONE]` is the terminator, but some compatible servers omit it; every choice having finished is as good.
  const allFinished = ordered.length > 0 && ordered.every((s) => s.finish !== undefined);
  return { response, complete: stream.done || allFinished || errored };
}

export function chatTextDelta(event: unknown): string {
  if (!isRecord(event)) return '';
  let text = '';
  for (const choice of asArray(event.choices)) {
    if (!isRecord(choice) || (asNumber(choice.index) ?? 0) !== 0) continue;
    const delta = asRecord(choice.delta);
    if (!delta) continue;
    text += (asString(delta.reasoning_content) ?? asString(delta.reasoning) ?? '') + (asString(delta.content) ?? '') + (asString(delta.refusal) ?? '');
  }
  return text;
}
