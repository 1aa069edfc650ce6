import { createParser, type EventSourceParser } from 'eventsource-parser';
import { adapterFor } from './adapters';
import type { EndpointInfo } from './endpoint-detect';
import { tryParseJson } from './json-util';

// Live progress while a response streams. The capture layer pushes each decoded chunk; events may be split
// across chunks, so SSE keeps the parser's buffer and NDJSON keeps the unfinished last line.

export interface StreamObserver {
  push(textChunk: string): { textDelta: string; events: number };
}

export function createStreamObserver(info: EndpointInfo, contentType: string): StreamObserver {
  const adapter = adapterFor(info.api);
  const textOf = (payload: unknown): string => {
    try {
      return adapter ? adapter.textDelta(payload) : '';
    } catch {
      return '';
    }
  };
  const ct = (contentType ?? '').toLowerCase();
  const ndjson = ct.includes('ndjson') || ct.includes('jsonl') || ct.includes('json-seq') || (!ct.includes('event-stream') && info.api.startsWith('ollama'));
  return ndjson ? ndjsonObserver(textOf) : sseObserver(textOf);
}

function sseObserver(textOf: (payload: unknown) => string): StreamObserver {
  let text = '';
  let events = 0;
  const parser: EventSourceParser = createParser({
    onEvent(message) {
      events += 1;
      if (message.data === '[DONE]') return;
      const parsed = tryParseJson(message.data);
      if (parsed.ok) text += textOf(parsed.value);
    },
  });
  return {
    push(chunk) {
      text = '';
      events = 0;
      try {
        parser.feed(typeof chunk === 'string' ? chunk : '');
      } catch {
        // A terminated parser (buffer limit) only stops live progress; the full parse happens at the end.
      }
      return { textDelta: text, events };
    },
  };
}

function ndjsonObserver(textOf: (payload: unknown) => string): StreamObserver {
  let pending = '';
  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : '';
      const lines = pending.split(/[\n\x1e]/);
      pending = lines.pop() ?? '';
      let text = '';
      let events = 0;
      for (const line of lines) {
        if (line.trim() === '') continue;
        const parsed = tryParseJson(line);
        if (!parsed.ok) continue;
        events += 1;
        text += textOf(parsed.value);
      }
      return { textDelta: text, events };
    },
  };
}
