// The view lives in the URL hash (#/s/SESSION/t/TURN, #/s/SESSION/v/flow, #/day), so back/forward and reloads keep
// the place.
import { useCallback, useEffect, useState } from 'react';

export interface Route {
  sessionId?: string;
  turnId?: string;
  /** The open session's tab; the timeline when absent. */
  view?: 'flow';
  /** The day view of all sessions instead of one session. */
  day?: boolean;
}

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const route: Route = {};
  if (parts[0] === 'day') return { day: true };
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i] === 's') route.sessionId = parts[i + 1];
    if (parts[i] === 't') route.turnId = parts[i + 1];
    if (parts[i] === 'v' && parts[i + 1] === 'flow') route.view = 'flow';
  }
  return route;
}

export function useHashRoute(): [Route, (route: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route, replace = false) => {
    const hash = next.day
      ? '#/day'
      : `#/${next.sessionId ? `s/${encodeURIComponent(next.sessionId)}` : ''}${next.turnId ? `/t/${encodeURIComponent(next.turnId)}` : ''}${next.view ? `/v/${next.view}` : ''}`;
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, navigate];
}
