// Where a new user starts: the proxy address, the CA, copyable env lines per shell, base URLs, status.
import { useEffect, useState } from 'react';
import type { EnvShellName, SetupInfo } from '../../../shared/api-contract';
import { apiClient } from '../api/api-client';
import { copyText } from '../copy-text';
import { desktopApi } from '../desktop-api';

const SHELLS: { id: EnvShellName; label: string }[] = [
  { id: 'bash', label: 'bash' },
  { id: 'zsh', label: 'zsh' },
  { id: 'fish', label: 'fish' },
  { id: 'powershell', label: 'PowerShell' },
];

function CopyLine({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-line">
      <pre className="code-block">{text}</pre>
      <button
        type="button"
        className="ghost-button"
        onClick={() =>
          void copyText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export function SetupPanel({ compact = false }: { compact?: boolean }) {
  const [setup, setSetup] = useState<SetupInfo>();
  const [error, setError] = useState<string>();
  const [shell, setShell] = useState<EnvShellName>('bash');
  useEffect(() => {
    apiClient.setup().then(setSetup, (e: Error) => setError(e.message));
  }, []);
  const desktop = desktopApi();
  if (error) return <div className="error-box">Setup info unavailable: {error}</div>;
  if (!setup) return <div className="muted">Loading setup…</div>;
  return (
    <section className="setup-panel" aria-labelledby="setup-title" data-testid="setup-panel">
      <h2 id="setup-title">Point an agent at Threadtap</h2>
      <ol className="setup-steps">
        <li>
          <strong>Run a command through it</strong> — every HTTP client in it uses the proxy and trusts the CA:
          <CopyLine text="npx threadtap run -- claude" />
        </li>
        <li>
          <strong>Or point a shell at it</strong>:
          <div className="tabs">
            {SHELLS.map((s) => (
              <button key={s.id} type="button" className={`tab${shell === s.id ? ' active' : ''}`} onClick={() => setShell(s.id)}>
                {s.label}
              </button>
            ))}
          </div>
          <CopyLine text={setup.envLines[shell]} />
        </li>
        {!compact && (
          <li>
            <strong>Or use base-URL mode</strong>, no CA needed:
            <table className="headers-table">
              <tbody>
                {setup.baseUrls.map((b) => (
                  <tr key={b.name}>
                    <th>{b.url}</th>
                    <td>→ {b.forwardsTo}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        )}
      </ol>
      <dl className="setup-facts">
        <dt>Proxy</dt>
        <dd>
          <code>{setup.proxyUrl}</code>
        </dd>
        <dt>CA certificate</dt>
        <dd>
          <a href={apiClient.caPemUrl} download="threadtap-ca.pem">
            Download threadtap-ca.pem
          </a>{' '}
          <span className="muted small">{setup.caCertPath}</span>
        </dd>
        <dt>Data</dt>
        <dd>
          <span className="muted small">{setup.dataDir}</span>{' '}
          {desktop.openDataFolder && (
            <button type="button" className="ghost-button" onClick={() => void desktop.openDataFolder?.()}>
              Open folder
            </button>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          {setup.store.writable ? 'capturing' : <span className="error-text">{setup.store.warning}</span>} · {setup.sessions} sessions · {setup.inFlight} in flight
          {setup.captureBehind > 0 && ` · ${setup.captureBehind} finished calls not yet captured (held during a burst of traffic)`}
        </dd>
      </dl>
    </section>
  );
}
