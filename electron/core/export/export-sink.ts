// Where an export's text goes. Writers hand over one piece at a time (a header, one interaction) and wait for the
// destination to drain, so a file of any size is written with memory bounded by the largest piece.

import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface ExportSink {
  write(text: string): Promise<void>;
}

export function streamSink(stream: Writable): ExportSink {
  return {
    async write(text) {
      if (!stream.write(text)) await once(stream, 'drain');
    },
  };
}

/** For the API and tests: the whole text in memory (UI exports are one session, a selection or one turn). */
export function memorySink(): ExportSink & { text(): string } {
  const parts: string[] = [];
  return {
    async write(text) {
      parts.push(text);
    },
    text: () => parts.join(''),
  };
}
