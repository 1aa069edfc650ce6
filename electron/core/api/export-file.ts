// `GET /api/export?format=json|har|md|html&session=ID…&interaction=ID&redact=false`: the same export the CLI writes,
// returned as a download (content-disposition), for the UI's export button: one session, a selection of several
// (`session` repeated), or one turn. Redaction is on unless redact=false, and credentials are never exported either
// way. The selection is checked (and a bad one refused) before the response starts; then the file is streamed into
// the response record by record, as the CLI streams it into a file.

import type { Writable } from 'node:stream';
import { ThreadtapError } from '../errors';
import { EXPORT_FORMATS, FORMAT_FILES, type ExportFormat } from '../export/export-context';
import { selectSessions } from '../export/export-selection';
import { streamSink } from '../export/export-sink';
import { runExport } from '../export/run-export';
import type { RecordSource } from '../export/session-plan';

export const EXPORT_PATH = '/api/export';

export interface ExportFileResult {
  kind: 'file';
  /** Writes the file into the response; it resolves once everything was handed to `out`. */
  body: (out: Writable) => Promise<void>;
  contentType: string;
  fileName: string;
}

export async function exportFile(store: RecordSource, params: URLSearchParams, now = new Date()): Promise<ExportFileResult> {
  const format = (params.get('format') ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new ThreadtapError('bad-option', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const sessionIds = [...new Set(params.getAll('session').filter(Boolean))];
  const interactionId = params.get('interaction') ?? undefined;
  if (!interactionId && sessionIds.length === 0 && params.get('all') !== 'true') {
    throw new ThreadtapError('bad-option', 'name a session (session=ID, repeatable), an interaction, or all=true');
  }
  const sessions = await selectSessions(store, { sessionIds, all: params.get('all') === 'true', interactionId });
  const redaction = { content: params.get('redact') !== 'false', patterns: params.getAll('redactPattern'), fields: params.getAll('redactField') };
  const stem = interactionId ? `turn-${interactionId}` : sessionIds.length === 1 ? `session-${sessionIds[0]}` : `${sessions.length}-sessions`;
  const safe = stem.replace(/[^\w.-]+/g, '_').slice(0, 80);
  return {
    kind: 'file',
    body: async (out) => {
      await runExport({ source: store, sessions, format, sink: streamSink(out), now, redaction });
    },
    contentType: FORMAT_FILES[format].contentType,
    fileName: `threadtap-${safe}.${FORMAT_FILES[format].extension}`,
  };
}
