// The Day view: every run active on one day on one time axis (a lane per top-level session, its sub-agents and
// side calls as further rows), so agents that ran in parallel and their overlap are visible. Live.
import { useCallback, useMemo, useState } from 'react';
import type { SessionListResponse, SessionRow } from '../../../shared/api-contract';
import { layoutDay } from '../../../shared/day-layout';
import type { FlowBar } from '../../../shared/flow-layout';
import { assertNeverEvent, type UiLiveEvent } from '../../../shared/ui-live';
import { apiClient } from '../api/api-client';
import type { LiveHub } from '../api/live-hub';
import { useLiveSnapshot } from '../api/use-live-snapshot';
import { formatCost, formatDuration, formatTokens, totalTokens } from '../format';
import { FlowCanvas } from './flow-canvas';

interface DayData {
  seq: number;
  roots: SessionRow[];
}

const DAY_MS = 86_400_000;
const startOfDay = (at: number) => {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

const ids = (row: SessionRow): string[] => [row.id, ...row.children.flatMap(ids)];

function reduceDay(from: number, to: number) {
  return (data: DayData, event: UiLiveEvent): DayData => {
    switch (event.type) {
      case 'session-updated': {
        const { session } = event;
        if (session.lastActivityAt < from || session.startedAt > to) return data;
        const nested = new Set(ids(session));
        return { ...data, roots: [...data.roots.filter((r) => !nested.has(r.id)), session] };
      }
      case 'interaction-started':
      case 'interaction-progress':
      case 'interaction-completed':
      case 'placement-revised':
      case 'capture-warning':
        return data;
      default:
        return assertNeverEvent(event);
    }
  };
}

export function DayView({ hub, onOpenSession }: { hub: LiveHub; onOpenSession(id: string): void }) {
  const [day, setDay] = useState(() => startOfDay(Date.now()));
  const reduce = useMemo(() => reduceDay(day, day + DAY_MS), [day]);
  const { data, error } = useLiveSnapshot(
    hub,
    (signal) => apiClient.sessions({ since: day, until: day + DAY_MS - 1, limit: 1000 }, signal).then((r: SessionListResponse): DayData => ({ seq: r.seq, roots: r.sessions })),
    reduce,
    [day],
  );
  const dayLayout = useMemo(() => (data ? layoutDay(data.roots, Date.now()) : undefined), [data]);
  const live = !!data?.roots.some((r) => r.inFlight > 0 || r.children.some((c) => c.inFlight > 0));
  const tooltip = useCallback(
    (bar: FlowBar) => {
      const s = dayLayout?.sessions[bar.source]?.row;
      if (!s) return null;
      return (
        <>
          <div className="flow-tip-title"><b>{s.title}</b>{s.relation && <span className="badge"> {s.relation}</span>}</div>
          <div>{new Date(s.startedAt).toLocaleTimeString()} · {formatDuration(s.durationMs)} · {s.turns} calls</div>
          <div>{s.models.join(', ')}</div>
          <div>{formatTokens(totalTokens(s.usage))} tokens · {formatCost(s.costUsd)}{s.errors ? ` · ${s.errors} failed` : ''}</div>
        </>
      );
    },
    [dayLayout],
  );
  const open = useCallback((bar: FlowBar) => onOpenSession(bar.sessionId), [onOpenSession]);

  return (
    <div className="day-view" data-testid="day-view">
      <div className="flow-legend small">
        <button type="button" className="ghost-button" onClick={() => setDay((d) => startOfDay(d - DAY_MS / 2))}>‹ previous day</button>
        <b>{new Date(day).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'short', day: 'numeric' })}</b>
        <button type="button" className="ghost-button" onClick={() => setDay((d) => startOfDay(d + DAY_MS * 1.5))}>next day ›</button>
        <button type="button" className="ghost-button" onClick={() => setDay(startOfDay(Date.now()))}>today</button>
        <span className="spacer" />
        <span className="muted">{data ? `${data.roots.length} runs` : ''} · wheel zoom · drag pan · click opens the run’s flow</span>
      </div>
      {error && <div className="error-box">{error}</div>}
      {dayLayout && (dayLayout.layout.lanes.length === 0 ? (
        <div className="pane-message muted">No sessions on this day.</div>
      ) : (
        <FlowCanvas layout={dayLayout.layout} name="day" axis="clock" live={live} onOpen={open} tooltip={tooltip} />
      ))}
      <ul className="visually-hidden" aria-label="Runs">
        {dayLayout?.layout.lanes.map((lane) => (
          <li key={lane.id} data-testid="day-lane" data-lane-id={lane.id} data-rows={lane.rows} data-bars={lane.barCount}>{lane.label}</li>
        ))}
      </ul>
    </div>
  );
}
