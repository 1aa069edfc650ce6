// A session as a virtualized column of turn cards, growing live; j/k move between turns.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SessionDetail } from '../../../shared/api-contract';
import { formatCost, formatDuration, formatTokens, totalTokens } from '../format';
import { MessageContext } from './message-view';
import { pairTools } from './tool-pairing';
import { TurnCard } from './turn-card';
import { ExportMenu } from '../views/export-menu';

const ESTIMATED_CARD = 240;

export interface SessionTimelineProps {
  detail: SessionDetail;
  selectedTurnId?: string;
  onSelectTurn(id: string): void;
  onInspect(id: string): void;
  onCompare(a: string, b: string): void;
  openSession(id: string): void;
}

export function SessionTimeline({ detail, selectedTurnId, onSelectTurn, onInspect, onCompare, openSession }: SessionTimelineProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const { turns, session } = detail;
  const pairing = useMemo(() => pairTools(turns), [turns]);
  const selectedIndex = turns.findIndex((t) => t.id === selectedTurnId);
  // Opened on a given turn (from the flow view, a link): show that turn rather than tailing the end.
  const [follow, setFollow] = useState(() => !selectedTurnId);
  const virtualizer = useVirtualizer({
    count: turns.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ESTIMATED_CARD,
    overscan: 4,
    getItemKey: (i) => turns[i].id,
    // The first render already shows the turns the user will see (the end, or the turn asked for), rather than the
    // first few, which would be rendered, measured and replaced before any frame.
    initialRect: { width: 0, height: window.innerHeight },
    initialOffset: () => (selectedIndex >= 0 ? selectedIndex * ESTIMATED_CARD : Math.max(0, turns.length * ESTIMATED_CARD - window.innerHeight)),
    // While following, cards that change height at the end (formatted after their first paint, an answer growing)
    // keep the newest turn in view.
    anchorTo: follow ? 'end' : 'start',
  });
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'start' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select') || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key !== 'j' && e.key !== 'k') return;
      const next = Math.max(0, Math.min(turns.length - 1, (selectedIndex < 0 ? -1 : selectedIndex) + (e.key === 'j' ? 1 : -1)));
      if (turns[next]) {
        setFollow(false);
        onSelectTurn(turns[next].id);
        virtualizer.scrollToIndex(next, { align: 'start' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turns, selectedIndex, onSelectTurn, virtualizer]);

  // While following, a new or growing last turn stays in view (like a terminal's tail).
  const last = turns[turns.length - 1];
  useEffect(() => {
    if (follow && turns.length > 0) virtualizer.scrollToIndex(turns.length - 1, { align: 'end' });
  }, [follow, turns.length, last?.streamedText?.length, last?.state, virtualizer]);

  const total = totalTokens(session.usage);
  return (
    <div className="timeline">
      <div className="timeline-head">
        <h2 className="timeline-title" title={session.title}>
          {session.inFlight > 0 && <span className="live-dot" title="a call is in flight" />}
          {session.title}
        </h2>
        <div className="timeline-meta">
          <span>{session.turns} turns</span>
          <span>{session.models.join(', ')}</span>
          <span>{formatTokens(total)} tokens</span>
          <span>{formatCost(session.costUsd)}</span>
          <span>{formatDuration(session.durationMs)}</span>
          {session.relation && <span className="badge">{session.relation}</span>}
          {session.parentSessionId && (
            <button type="button" className="link-button" onClick={() => openSession(session.parentSessionId!)}>
              ↑ parent session
            </button>
          )}
          <ExportMenu sessionIds={[session.id]} turnId={selectedTurnId} />
          <label className="follow-toggle">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
          </label>
        </div>
      </div>
      <div
        className="timeline-scroll"
        ref={parentRef}
        data-testid="timeline"
        onWheel={(e) => {
          if (e.deltaY < 0) setFollow(false);
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const turn = turns[item.index];
            const previous = turns[item.index - 1];
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
                <MessageContext.Provider value={{ pairing, childSessions: mergedChildren(detail, turn.id, turn.childSessions), openSession }}>
                  <TurnCard
                    turn={turn}
                    index={item.index}
                    selected={turn.id === selectedTurnId}
                    onSelect={() => onSelectTurn(turn.id)}
                    onInspect={() => onInspect(turn.id)}
                    onCompare={previous ? () => onCompare(previous.id, turn.id) : undefined}
                  />
                </MessageContext.Provider>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Sub-agents learnt live appear on the session row before the turn is refetched. */
function mergedChildren(detail: SessionDetail, turnId: string, known: SessionDetail['turns'][number]['childSessions']) {
  const extra = detail.session.children
    .filter((c) => c.viaInteractionId === turnId && !known.some((k) => k.sessionId === c.id) && c.relation)
    .map((c) => ({ sessionId: c.id, relation: c.relation!, title: c.title }));
  return extra.length ? [...known, ...extra] : known;
}
