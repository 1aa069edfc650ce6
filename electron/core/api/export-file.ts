// `GET /api/export?format=json|har|md|html&session=ID…&interaction=ID&redact=false`: the same export the CLI writes,
// returned as a download (content-disposition), for the UI's export button. Redaction is on unless redact=false,
// and credentials are never exported either way.

import type { CaptureStore } from '../store/capture-store';
import { ThreadtapError } from '../errors';
import { EXPORT_FORMATS, FORMAT_FILES, type ExportFormat } from '../export/export-context';
import { selectSessions } from '../export/export-selection';
import { memorySink } from '../export/export-sink';
import { runExport } from '../export/run-export';

export const EXPORT_PATH = '/api/export';

export interface ExportFileResult {
  kind: 'file';
  body: string;
  contentType: string;
  fileName: string;
}

export async function exportFile(store: Pick<CaptureStore, 'listInteractions'>, params: URLSearchParams, now = new Date()): Promise<ExportFileResult> {
  const format = (params.get('format') ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new ThreadtapError('bad-option', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const sessionIds = params.getAll('session').filter(Boolean);
  const interactionId = params.get('interaction') ?? undefined;
  if (!interactionId && sessionIds.length === 0 && params.get('all') !== 'true') {
    throw new ThreadtapError('bad-option', 'name a session (session=ID, repeatable), an interaction, or all=true');
  }
  const groups = selectSessions(await store.listInteractions(), { sessionIds, all: params.get('all') === 'true', interactionId });
  const sink = memorySink();
  await runExport({
    groups,
    format,
    sink,
    now,
    redaction: { content: params.get('redact') !== 'false', patterns: params.getAll('redactPattern'), fields: params.getAll('redactField') },
  });
  const stem = interactionId ? `turn-${interactionId}` : sessionIds.length === 1 ? `session-${sessionIds[0]}` : `${groups.length}-sessions`;
  const safe = stem.replace(/[^\w.-]+/g, '_').slice(0, 80);
  return { kind: 'file', body: sink.text(), contentType: FORMAT_FILES[format].contentType, fileName: `threadtap-${safe}.${FORMAT_FILES[format].extension}` };
}
