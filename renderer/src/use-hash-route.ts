// The view lives in the URL hash (#/s/SESSION/t/TURN), so back/forward and reloads keep the place.
import { useCallback, useEffect, useState } from 'react';

export interface Route {
  sessionId?: string;
  turnId?: string;
}

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const route: Route = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i] === 's') route.sessionId = parts[i + 1];
    if (parts[i] === 't') route.turnId = parts[i + 1];
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
    const hash = `#/${next.sessionId ? `s/${encodeURIComponent(next.sessionId)}` : ''}${next.turnId ? `/t/${encodeURIComponent(next.turnId)}` : ''}`;
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, navigate];
}
