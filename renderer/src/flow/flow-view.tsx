// The Flow tab: a run's waterfall (every linked session a lane) beside its summary, live while calls stream.
import { useCallback, useMemo } from 'react';
import type { FlowCall } from '../../../shared/flow-data';
import { layoutFlow, type FlowBar } from '../../../shared/flow-layout';
import { promptTokens, summarizeFlow } from '../../../shared/flow-summary';
import { apiClient } from '../api/api-client';
import type { LiveHub } from '../api/live-hub';
import { useLiveSnapshot } from '../api/use-live-snapshot';
import { formatCost, formatDuration, formatTokens } from '../format';
import { FlowCanvas } from './flow-canvas';
import { reduceFlow } from './flow-state';
import { FlowSummaryPanel } from './flow-summary-panel';

export interface FlowViewProps {
  hub: LiveHub;
  sessionId: string;
  selectedTurnId?: string;
  onOpenTurn(sessionId: string, turnId: string): void;
}

const OUTCOME_LABEL = { ok: '', 'in-flight': 'in flight', failed: 'failed', aborted: 'aborted', retry: 'retry' } as const;

function CallCard({ call, bar }: { call: FlowCall; bar: FlowBar }) {
  const duration = call.endedAt !== undefined ? call.endedAt - call.startedAt : undefined;
  return (
    <>
      <div className="flow-tip-title">
        <b>{call.model ?? 'unknown model'}</b> {bar.outcome !== 'ok' && <span className={`badge badge-${bar.outcome}`}>{OUTCOME_LABEL[bar.outcome]}</span>}
      </div>
      <div>latency {duration === undefined ? 'streaming…' : formatDuration(duration)}{call.firstByteAt !== undefined ? ` · TTFT ${formatDuration(call.firstByteAt - call.startedAt)}` : ''}</div>
      <div>
        tokens {formatTokens(promptTokens(call.usage))} in{call.usage.cacheReadTokens ? ` (${formatTokens(call.usage.cacheReadTokens)} cached)` : ''} · {formatTokens(call.usage.outputTokens)} out
      </div>
      <div>cost {formatCost(call.costUsd)}{call.status ? ` · HTTP ${call.status}` : ''}</div>
      {call.toolCalls.length > 0 && <div className="muted">asked for {call.toolCalls.map((t) => t.name).join(', ')}</div>}
      {call.errorMessage && <div className="error-text">{call.errorMessage}</div>}
    </>
  );
}

export function FlowView({ hub, sessionId, selectedTurnId, onOpenTurn }: FlowViewProps) {
  const { data, error, loading } = useLiveSnapshot(hub, (signal) => apiClient.flow(sessionId, signal), reduceFlow, [sessionId]);
  const live = !!data?.calls.some((c) => c.state === 'pending' || c.state === 'streaming');
  // Re-laid out when the data changes; in-flight bars grow on the canvas between changes without a new layout.
  const layout = useMemo(() => (data ? layoutFlow(data, Date.now()) : undefined), [data]);
  const summary = useMemo(() => (data ? summarizeFlow(data) : undefined), [data]);
  const tooltip = useCallback((bar: FlowBar) => (data?.calls[bar.source] ? <CallCard call={data.calls[bar.source]} bar={bar} /> : null), [data]);
  const open = useCallback((bar: FlowBar) => onOpenTurn(bar.sessionId, bar.id), [onOpenTurn]);

  if (error) return <div className="pane-message error-box">{error}</div>;
  if (!data || !layout || !summary) return <div className="pane-message muted">{loading ? 'Laying out the run…' : ''}</div>;
  return (
    <div className="flow-view" data-testid="flow-view" data-root={data.rootId}>
      <div className="flow-main">
        <div className="flow-legend small muted">
          {layout.models.map((m, i) => (
            <span key={m} className="flow-legend-item"><span className={`flow-swatch flow-swatch-${i % 8}`} />{m}</span>
          ))}
          <span className="flow-legend-item"><span className="flow-swatch flow-swatch-failed" />failed</span>
          <span className="flow-legend-item"><span className="flow-swatch flow-swatch-retry" />retry</span>
          <span className="flow-legend-item"><span className="flow-swatch flow-swatch-live" />in flight</span>
          <span className="spacer" />
          <span>wheel zoom · drag pan · 0 fit · click opens the turn</span>
        </div>
        <FlowCanvas layout={layout} name="run" live={live} selectedId={selectedTurnId} onOpen={open} tooltip={tooltip} />
        {/* The lanes as a list too: for screen readers, and for tests to check what the canvas shows. */}
        <ul className="visually-hidden" aria-label="Lanes">
          {layout.lanes.map((lane) => (
            <li key={lane.id} data-testid="flow-lane" data-lane-id={lane.id} data-kind={lane.kind} data-depth={lane.depth} data-bars={lane.barCount}>
              {lane.label}
            </li>
          ))}
        </ul>
      </div>
      <FlowSummaryPanel summary={summary} onOpen={onOpenTurn} />
    </div>
  );
}
