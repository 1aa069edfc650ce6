// The open session: its live timeline, fed by snapshot-then-deltas.
import { useEffect } from 'react';
import type { LiveHub } from '../api/live-hub';
import { apiClient } from '../api/api-client';
import { useLiveSnapshot } from '../api/use-live-snapshot';
import { reduceTimeline } from '../state/timeline-state';
import { preloadMarkdown } from '../timeline/markdown-text';
import { SessionTimeline } from '../timeline/session-timeline';

export interface SessionPaneProps {
  hub: LiveHub;
  sessionId: string;
  turnId?: string;
  onSelectTurn(id: string): void;
  onInspect(id: string): void;
  onCompare(a: string, b: string): void;
  openSession(id: string): void;
}

export function SessionPane({ hub, sessionId, turnId, onSelectTurn, onInspect, onCompare, openSession }: SessionPaneProps) {
  // The markdown chunk loads while the turns are fetched rather than after they arrive.
  useEffect(preloadMarkdown, []);
  const { data, error, loading } = useLiveSnapshot(hub, (signal) => apiClient.session(sessionId, signal), reduceTimeline, [sessionId]);
  if (error) return <div className="pane-message error-box">{error}</div>;
  if (!data) return <div className="pane-message muted">{loading ? 'Opening session…' : ''}</div>;
  return <SessionTimeline detail={data} selectedTurnId={turnId} onSelectTurn={onSelectTurn} onInspect={onInspect} onCompare={onCompare} openSession={openSession} />;
}
