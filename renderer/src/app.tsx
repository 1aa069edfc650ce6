// The window: top bar, session list on the left, the open session's timeline, and the inspector on the right.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionListQuery } from '../../shared/api-contract';
import { apiClient } from './api/api-client';
import { createLiveHub, type LiveStatus } from './api/live-hub';
import { useLiveSnapshot } from './api/use-live-snapshot';
import { fromResponse, listRequest, mergePage, PAGE_SIZE, reduceList } from './state/list-state';
import { NO_SELECTION, selectRange, toggleSession, type SessionSelection } from './state/selection-state';
import { useHashRoute } from './use-hash-route';
import { useTheme } from './use-theme';
import { PickedExportBar } from './views/picked-export-bar';
import { SessionList } from './views/session-list';
import { SessionPane } from './views/session-pane';
import { SetupPanel } from './views/setup-panel';
import { TopBar } from './views/top-bar';

// Views the first paint does not need load when first shown: the list paints without parsing the flow canvas, the
// day view, compare (with its diff) or the inspector (with its JSON tree).
const FlowView = lazy(() => import('./flow/flow-view').then((m) => ({ default: m.FlowView })));
const DayView = lazy(() => import('./flow/day-view').then((m) => ({ default: m.DayView })));
const CompareView = lazy(() => import('./views/compare-view').then((m) => ({ default: m.CompareView })));
const Inspector = lazy(() => import('./views/inspector').then((m) => ({ default: m.Inspector })));
const paneLoading = <div className="pane-message muted">Loading…</div>;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function App() {
  const hub = useMemo(() => createLiveHub(apiClient.liveUrl), []);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    hub.start();
    const off = hub.onStatus(setStatus);
    return () => {
      off();
      hub.stop();
    };
  }, [hub]);

  const [theme, toggleTheme] = useTheme();
  const [route, navigate] = useHashRoute();
  const [query, setQuery] = useState<SessionListQuery>({});
  const [windowMs, setWindowMs] = useState(0);
  const [inspecting, setInspecting] = useState<string>();
  const [comparing, setComparing] = useState<[string, string]>();
  const [showSetup, setShowSetup] = useState(false);
  const [picked, setPicked] = useState<SessionSelection>(NO_SELECTION);
  const pick = useCallback((id: string, how: 'toggle' | 'range', order: string[]) => setPicked((s) => (how === 'range' ? selectRange(s, id, order) : toggleSession(s, id))), []);
  const searchRef = useRef<HTMLInputElement>(null);

  const debouncedQuery = useDebounced(query, 150);
  const effectiveQuery = useMemo(() => listRequest(debouncedQuery, windowMs), [debouncedQuery, windowMs]);
  const list = useLiveSnapshot(
    hub,
    (signal) => apiClient.sessions(effectiveQuery, signal).then((r) => fromResponse(r, effectiveQuery)),
    reduceList,
    [effectiveQuery],
  );

  const loading = useRef(new Set<number>());
  const needRange = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
        if (loading.current.has(page)) continue;
        loading.current.add(page);
        apiClient.sessions({ ...effectiveQuery, offset: page * PAGE_SIZE }).then(
          (response) => list.setData((data) => mergePage(data, response)),
          () => loading.current.delete(page),
        );
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [effectiveQuery],
  );
  useEffect(() => loading.current.clear(), [effectiveQuery]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inField = (e.target as HTMLElement).closest('input, textarea, select');
      if (e.key === '/' && !inField) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape') {
        if (inField) (e.target as HTMLElement).blur();
        setInspecting(undefined);
        setComparing(undefined);
        setShowSetup(false);
      } else if (e.key === 'i' && !inField && route.turnId) {
        setInspecting((current) => (current ? undefined : route.turnId));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.turnId]);

  const data = list.data;
  const empty = data && data.total === 0 && !query.q && !query.provider && !query.model && !query.client && !windowMs && !query.liveOnly;
  const openSession = useCallback((id: string) => navigate({ sessionId: id }), [navigate]);
  const selectTurn = useCallback((id: string) => navigate({ sessionId: route.sessionId, turnId: id }, true), [navigate, route.sessionId]);
  const openTurn = useCallback((sessionId: string, turnId: string) => navigate({ sessionId, turnId }), [navigate]);
  const openFlow = useCallback((sessionId: string) => navigate({ sessionId, view: 'flow' }), [navigate]);

  return (
    <div className="app">
      <TopBar
        ref={searchRef}
        query={query}
        windowMs={windowMs}
        facets={data?.facets}
        status={status}
        theme={theme}
        onQuery={setQuery}
        onWindow={setWindowMs}
        onTheme={toggleTheme}
        onSetup={() => setShowSetup((s) => !s)}
      />
      {empty ? (
        <main className="empty-state" data-testid="empty-state">
          <h1>No sessions captured yet</h1>
          <p>Threadtap is listening. Send an agent's LLM calls through it and they appear here live, as conversations.</p>
          <SetupPanel compact />
        </main>
      ) : (
        <div className="panes">
          <nav className="list-pane" aria-label="Sessions">
            <div className="list-count muted small">
              {data ? `${data.total} session${data.total === 1 ? '' : 's'}${query.q ? ` matching “${query.q}”` : ''}` : list.error ?? 'Loading…'}
              <button type="button" className={`ghost-button day-button${route.day ? ' active' : ''}`} onClick={() => navigate({ day: true })}>
                Day view
              </button>
            </div>
            <PickedExportBar ids={picked.ids} onClear={() => setPicked(NO_SELECTION)} />
            {data && <SessionList data={data} selectedId={route.sessionId} picked={picked} onPick={pick} onOpen={openSession} onNeedRange={needRange} />}
          </nav>
          <main className="timeline-pane">
            {route.sessionId && (
              <div className="view-tabs" role="tablist">
                <button type="button" role="tab" aria-selected={route.view !== 'flow'} onClick={() => navigate({ sessionId: route.sessionId, turnId: route.turnId })}>
                  Timeline
                </button>
                <button type="button" role="tab" aria-selected={route.view === 'flow'} onClick={() => navigate({ sessionId: route.sessionId, turnId: route.turnId, view: 'flow' })}>
                  Flow
                </button>
              </div>
            )}
            {route.day ? (
              <Suspense fallback={paneLoading}>
                <DayView hub={hub} onOpenSession={openFlow} />
              </Suspense>
            ) : route.sessionId && route.view === 'flow' ? (
              <Suspense fallback={paneLoading}>
                <FlowView key={route.sessionId} hub={hub} sessionId={route.sessionId} selectedTurnId={route.turnId} onOpenTurn={openTurn} />
              </Suspense>
            ) : route.sessionId ? (
              <SessionPane
                key={route.sessionId}
                hub={hub}
                sessionId={route.sessionId}
                turnId={route.turnId}
                onSelectTurn={selectTurn}
                onInspect={(id) => {
                  selectTurn(id);
                  setInspecting(id);
                }}
                onCompare={(a, b) => setComparing([a, b])}
                openSession={openSession}
              />
            ) : (
              <div className="pane-message muted">Pick a session on the left. Keys: / search · j/k move between turns · i inspect · Esc close</div>
            )}
          </main>
          {inspecting && (
            <Suspense fallback={null}>
              <Inspector interactionId={inspecting} onClose={() => setInspecting(undefined)} />
            </Suspense>
          )}
        </div>
      )}
      {showSetup && (
        <div className="overlay" onClick={() => setShowSetup(false)}>
          <div className="overlay-panel" onClick={(e) => e.stopPropagation()}>
            <SetupPanel />
          </div>
        </div>
      )}
      {comparing && (
        <Suspense fallback={null}>
          <CompareView beforeId={comparing[0]} afterId={comparing[1]} onClose={() => setComparing(undefined)} />
        </Suspense>
      )}
    </div>
  );
}
