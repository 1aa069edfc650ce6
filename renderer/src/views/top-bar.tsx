// Search (focus with /), filters, connection status, setup and theme.
import { forwardRef } from 'react';
import type { SessionListQuery, SessionListResponse } from '../../../shared/api-contract';
import type { LiveStatus } from '../api/live-hub';

const TIME_WINDOWS = [
  { label: 'any time', ms: 0 },
  { label: 'last hour', ms: 3600_000 },
  { label: 'last 24 h', ms: 86_400_000 },
  { label: 'last 7 days', ms: 7 * 86_400_000 },
];

export interface TopBarProps {
  query: SessionListQuery;
  windowMs: number;
  facets?: SessionListResponse['facets'];
  status: LiveStatus;
  theme: 'light' | 'dark';
  onQuery(query: SessionListQuery): void;
  onWindow(ms: number): void;
  onTheme(): void;
  onSetup(): void;
}

export const TopBar = forwardRef<HTMLInputElement, TopBarProps>(function TopBar({ query, windowMs, facets, status, theme, onQuery, onWindow, onTheme, onSetup }, searchRef) {
  const select = (key: 'provider' | 'model' | 'client', values: string[] | undefined, label: string) => (
    <select aria-label={`Filter by ${label}`} value={query[key] ?? ''} onChange={(e) => onQuery({ ...query, [key]: e.target.value || undefined })}>
      <option value="">all {label}s</option>
      {(values ?? []).map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden>◆</span> Threadtap
      </span>
      <input
        ref={searchRef}
        className="search"
        type="search"
        placeholder="Search messages  ( / )"
        aria-label="Search messages"
        value={query.q ?? ''}
        onChange={(e) => onQuery({ ...query, q: e.target.value || undefined })}
      />
      {select('provider', facets?.providers, 'provider')}
      {select('model', facets?.models, 'model')}
      {select('client', facets?.clients, 'client')}
      <select aria-label="Time window" value={windowMs} onChange={(e) => onWindow(Number(e.target.value))}>
        {TIME_WINDOWS.map((w) => (
          <option key={w.ms} value={w.ms}>
            {w.label}
          </option>
        ))}
      </select>
      <label className="small">
        <input type="checkbox" checked={!!query.liveOnly} onChange={(e) => onQuery({ ...query, liveOnly: e.target.checked || undefined })} /> live only
      </label>
      <span className="spacer" />
      <span className={`status status-${status}`} data-testid="live-status" title="Live feed">
        ● {status}
      </span>
      <button type="button" className="ghost-button" onClick={onSetup}>
        Setup
      </button>
      <button type="button" className="ghost-button" onClick={onTheme} aria-label="Toggle theme">
        {theme === 'dark' ? '☀ light' : '☾ dark'}
      </button>
    </header>
  );
});
