// What every format writer gets: the sessions to write, where to read their records, where to write, the redactor
// and the clock.

import type { ExportSink } from './export-sink';
import type { Redactor } from './redaction';
import type { SessionGroup } from './session-groups';
import type { RecordSource } from './session-plan';

export type ExportFormat = 'json' | 'har' | 'md' | 'html';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'har', 'md', 'html'];

export interface ExportContext {
  groups: SessionGroup[];
  /** Writers read each record when they write it (loadRecords), so one record is held at a time. */
  source: RecordSource;
  sink: ExportSink;
  redactor: Redactor;
  now: Date;
}

export const FORMAT_FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
  json: { extension: 'json', contentType: 'application/json; charset=utf-8' },
  har: { extension: 'har', contentType: 'application/json; charset=utf-8' },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8' },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8' },
};
