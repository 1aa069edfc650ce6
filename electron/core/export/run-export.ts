// One entry point for every format, used by the CLI and the API alike: headers first (one pass over the chosen
// sessions' records, titles redacted before they are clipped), then the writer, which reads each record again as
// it writes it. Records are read one at a time both times, so memory does not grow with the selection's bodies.

import { createPriceTable } from '../api/price-table';
import type { ExportContext, ExportFormat } from './export-context';
import type { ExportSink } from './export-sink';
import { writeHarExport } from './har-writer';
import { writeHtmlExport } from './html-writer';
import { writeJsonExport } from './json-writer';
import { writeMarkdownExport } from './markdown-writer';
import { Redactor, type RedactionOptions, type RedactionSummary } from './redaction';
import { sessionGroups } from './session-groups';
import type { RecordSource, SessionPlan } from './session-plan';

const WRITERS: Record<ExportFormat, (ctx: ExportContext) => Promise<void>> = {
  json: writeJsonExport,
  har: writeHarExport,
  md: writeMarkdownExport,
  html: writeHtmlExport,
};

export async function runExport(options: {
  source: RecordSource;
  sessions: readonly SessionPlan[];
  format: ExportFormat;
  sink: ExportSink;
  redaction?: RedactionOptions;
  now?: Date;
}): Promise<RedactionSummary> {
  const redactor = new Redactor(options.redaction);
  const groups = await sessionGroups(options.source, options.sessions, createPriceTable(), (text) => redactor.text(text));
  await WRITERS[options.format]({ groups, source: options.source, sink: options.sink, redactor, now: options.now ?? new Date() });
  return redactor.summary();
}
