// The raw exchange behind a turn: headers, bodies as a JSON tree, stream events, and copy as curl (credentials as
// stored: fingerprints, never the key).
import { useEffect, useState } from 'react';
import type { InteractionDetail } from '../../../shared/api-contract';
import type { Body } from '../../../shared/exchange';
import { apiClient } from '../api/api-client';
import { copyText } from '../copy-text';
import { JsonTree } from './json-tree';

type Tab = 'request' | 'response' | 'stream' | 'curl';

function parseBody(body: Body | undefined): { json?: unknown; text?: string } {
  if (!body) return { text: '' };
  if (body.encoding === 'base64') return { text: `[${body.size} bytes of binary data]` };
  try {
    return { json: JSON.parse(body.data) };
  } catch {
    return { text: body.data };
  }
}

function Headers({ headers }: { headers: Record<string, string> | undefined }) {
  return (
    <table className="headers-table">
      <tbody>
        {Object.entries(headers ?? {}).map(([name, value]) => (
          <tr key={name}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BodyView({ body }: { body: Body | undefined }) {
  const parsed = parseBody(body);
  return (
    <div className="body-view" data-testid="raw-body">
      {body?.truncated && <div className="muted small">Only the beginning of this body was kept.</div>}
      {parsed.json !== undefined ? <JsonTree value={parsed.json} /> : <pre className="plain-text">{parsed.text}</pre>}
    </div>
  );
}

export function Inspector({ interactionId, onClose }: { interactionId: string; onClose(): void }) {
  const [detail, setDetail] = useState<InteractionDetail>();
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<Tab>('request');
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setDetail(undefined);
    setError(undefined);
    apiClient.interaction(interactionId, controller.signal).then(setDetail, (e: Error) => e.name !== 'AbortError' && setError(e.message));
    return () => controller.abort();
  }, [interactionId]);
  const exchange = detail?.record.exchange;
  const events = detail?.record.parsed.streamEvents ?? [];
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <header className="inspector-head">
        <strong>Inspector</strong>
        {exchange && (
          <span className="muted small inspector-url">
            {exchange.method} {exchange.url} → {exchange.status ?? exchange.state}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="ghost-button" onClick={onClose} aria-label="Close inspector">
          ✕
        </button>
      </header>
      <nav className="tabs">
        {(['request', 'response', 'stream', 'curl'] as Tab[]).map((t) => (
          <button key={t} type="button" className={`tab${tab === t ? ' active' : ''}`} onClick={() => setTab(t)}>
            {t === 'stream' ? `stream events (${events.length})` : t === 'curl' ? 'copy as curl' : t}
          </button>
        ))}
      </nav>
      <div className="inspector-body">
        {error && <div className="error-box">{error}</div>}
        {!detail && !error && <div className="muted">Loading…</div>}
        {exchange && tab === 'request' && (
          <>
            <h4>Headers</h4>
            <Headers headers={exchange.requestHeaders} />
            <h4>Body</h4>
            <BodyView body={exchange.requestBody} />
          </>
        )}
        {exchange && tab === 'response' && (
          <>
            <h4>Status {exchange.status ?? '—'}</h4>
            <Headers headers={exchange.responseHeaders} />
            <h4>Body</h4>
            <BodyView body={exchange.responseBody} />
          </>
        )}
        {exchange && tab === 'stream' && (
          <ol className="stream-events">
            {events.slice(0, 2000).map((event, i) => (
              <li key={i}>
                <JsonTree value={event} depth={2} />
              </li>
            ))}
            {events.length === 0 && <li className="muted">Not a streamed response.</li>}
          </ol>
        )}
        {detail && tab === 'curl' && (
          <>
            <button
              type="button"
              className="primary-button"
              onClick={() =>
                void copyText(detail.curl).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                })
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <p className="muted small">Credentials appear as stored: fingerprints. Put your key back in to replay.</p>
            <pre className="code-block">{detail.curl}</pre>
          </>
        )}
      </div>
    </aside>
  );
}
