// Export sessions (the open one, or several picked in the list, each with the sessions hanging off it) or the
// selected turn as JSON, HAR, Markdown or HTML, in one file.
// The engine writes the file (same writers and redaction as `threadtap export`); the desktop shell's save dialog
// takes it when there is one, else the browser downloads it.
import { useState } from 'react';
import { desktopApi } from '../desktop-api';

/** The engine's export route (electron/core/api/export-file.ts). */
const EXPORT_PATH = '/api/export';
const FORMATS = [
  { id: 'html', label: 'HTML' },
  { id: 'md', label: 'Markdown' },
  { id: 'json', label: 'JSON' },
  { id: 'har', label: 'HAR' },
] as const;

export interface ExportMenuProps {
  sessionIds: readonly string[];
  turnId?: string;
  /** The button's text; "Export" by default. */
  label?: string;
}

function fileNameOf(res: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

export function ExportMenu({ sessionIds, turnId, label = 'Export' }: ExportMenuProps) {
  const [format, setFormat] = useState<string>('html');
  const [scope, setScope] = useState<'session' | 'turn'>('session');
  const [redact, setRedact] = useState(true);
  const [status, setStatus] = useState<string>();

  async function run() {
    const params = new URLSearchParams({ format });
    if (scope === 'turn' && turnId) params.set('interaction', turnId);
    else for (const id of sessionIds) params.append('session', id);
    if (!redact) params.set('redact', 'false');
    setStatus('Exporting…');
    try {
      const res = await fetch(`${EXPORT_PATH}?${params}`, { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
      }
      const name = fileNameOf(res, `threadtap-export.${format}`);
      const text = await res.text();
      const desktop = desktopApi();
      if (desktop.saveFile) {
        const result = await desktop.saveFile({ suggestedName: name, content: text });
        setStatus(result.saved ? `Saved ${result.filePath}` : undefined);
        return;
      }
      const url = URL.createObjectURL(new Blob([text], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(undefined);
    } catch (error) {
      setStatus(`Export failed: ${(error as Error).message}`);
    }
  }

  return (
    <span className="export-menu" data-testid="export-menu">
      <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value)}>
        {FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      {turnId && (
        <select aria-label="Export scope" value={scope} onChange={(e) => setScope(e.target.value as 'session' | 'turn')}>
          <option value="session">session</option>
          <option value="turn">selected turn</option>
        </select>
      )}
      <label title="Credentials and key-shaped strings are always redacted; this also replaces email addresses">
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> redact
      </label>
      <button type="button" className="ghost-button" onClick={() => void run()}>
        {label}
      </button>
      {status && <span className="muted export-status">{status}</span>}
    </span>
  );
}
