// Where an export's text goes. Writers hand over one piece at a time (a header, one interaction) and wait for the
// destination to drain, so a file of any size is written with memory bounded by the largest piece.

import type { Writable } from 'node:stream';

export interface ExportSink {
  write(text: string): Promise<void>;
}

export function streamSink(stream: Writable): ExportSink {
  const gone = () => new Error('the export destination closed before the export finished');
  return {
    async write(text) {
      if (stream.destroyed) throw gone();
      if (stream.write(text)) return;
      // A destination that goes away (a download cancelled) never drains: stop then instead of waiting forever.
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
      if (stream.destroyed) throw gone();
    },
  };
}
