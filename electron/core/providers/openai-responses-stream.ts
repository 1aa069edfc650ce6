import type { AssembledStream, DecodedStream } from './adapter';
import { asArray, asNumber, asRecord, asString, isRecord } from './json-util';
import { responsesResult } from './openai-responses';
import { emptyResponse, extractError } from './response-util';

// Responses streams are typed events. The terminal event (response.completed / .incomplete / .failed) carries the
// whole response object, which is authoritative; the per-item events are only needed when the stream was cut
// before it, so that everything received so far is still shown.

interface ItemState {
  item: Record<string, unknown>;
  done: boolean;
  text: Map<number, string>;
  summary: Map<number, string>;
  args: string;
}

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function itemFrom(state: ItemState): Record<string, unknown> {
  if (state.done) return state.item;
  const item = { ...state.item };
  if (state.text.size > 0) item.content = [...state.text.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => ({ type: 'output_text', text }));
  if (state.summary.size > 0) item.summary = [...state.summary.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => ({ type: 'summary_text', text }));
  if (state.args !== '') item.arguments = state.args;
  return item;
}

export function assembleResponsesStream(stream: DecodedStream, _notes: string[]): AssembledStream {
  const items = new Map<number, ItemState>();
  let latest: Record<string, unknown> = {};
  let terminal: Record<string, unknown> | undefined;
  let error: { type?: string; message: string } | undefined;
  const stateAt = (event: Record<string, unknown>): ItemState | undefined => items.get(asNumber(event.output_index) ?? 0);
  for (const event of stream.events) {
    if (!isRecord(event)) continue;
    const type = asString(event.type) ?? '';
    const delta = asString(event.delta) ?? '';
    if (isRecord(event.response)) latest = event.response;
    if (TERMINAL.has(type)) terminal = latest;
    else if (type === 'error') error = extractError(event) ?? { message: asString(event.message) ?? 'stream error' };
    else if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      const index = asNumber(event.output_index) ?? items.size;
      const previous = items.get(index);
      items.set(index, {
        item: asRecord(event.item) ?? {},
        done: type === 'response.output_item.done',
        text: previous?.text ?? new Map(),
        summary: previous?.summary ?? new Map(),
        args: previous?.args ?? '',
      });
    } else if (type === 'response.output_text.delta' || type === 'response.refusal.delta' || type === 'response.reasoning_text.delta') {
      const state = stateAt(event);
      const at = asNumber(event.content_index) ?? 0;
      if (state) state.text.set(at, (state.text.get(at) ?? '') + delta);
    } else if (type === 'response.reasoning_summary_text.delta') {
      const state = stateAt(event);
      const at = asNumber(event.summary_index) ?? 0;
      if (state) state.summary.set(at, (state.summary.get(at) ?? '') + delta);
    } else if (type === 'response.function_call_arguments.delta' || type === 'response.custom_tool_call_input.delta') {
      const state = stateAt(event);
      if (state) state.args += delta;
    }
  }
  const base = terminal ?? latest;
  const hasFinalOutput = terminal !== undefined && asArray(terminal.output).length > 0;
  const output = hasFinalOutput ? terminal?.output : [...items.keys()].sort((a, b) => a - b).map((i) => itemFrom(items.get(i) as ItemState));
  const response = Object.keys(base).length > 0 || items.size > 0 ? responsesResult({ ...base, output }, true) : emptyResponse(true);
  if (!terminal) {
    // Without the terminal event the status is still 'in_progress'; a stop reason would be a guess.
    delete response.stopReason;
    delete response.rawStopReason;
  }
  if (error) {
    response.error = error;
    response.stopReason = 'error';
  }
  return { response, complete: terminal !== undefined || error !== undefined };
}

const TEXT_DELTAS = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
]);

export function responsesTextDelta(event: unknown): string {
  if (!isRecord(event) || !TEXT_DELTAS.has(event.type as string)) return '';
  return asString(event.delta) ?? '';
}
