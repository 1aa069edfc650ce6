// One entry point for every format, used by the CLI and the API alike.

import type { ExportContext, ExportFormat } from './export-context';
import type { ExportSink } from './export-sink';
import { writeHarExport } from './har-writer';
import { writeHtmlExport } from './html-writer';
import { writeJsonExport } from './json-writer';
import { writeMarkdownExport } from './markdown-writer';
import { Redactor, type RedactionOptions, type RedactionSummary } from './redaction';
import { retitle, type SessionGroup } from './session-groups';

const WRITERS: Record<ExportFormat, (ctx: ExportContext) => Promise<void>> = {
  json: writeJsonExport,
  har: writeHarExport,
  md: writeMarkdownExport,
  html: writeHtmlExport,
};

export async function runExport(options: {
  groups: SessionGroup[];
  format: ExportFormat;
  sink: ExportSink;
  redaction?: RedactionOptions;
  now?: Date;
}): Promise<RedactionSummary> {
  const redactor = new Redactor(options.redaction);
  await WRITERS[options.format]({ groups: retitle(options.groups, (text) => redactor.text(text)), sink: options.sink, redactor, now: options.now ?? new Date() });
  return redactor.summary();
}
