// The window only ever shows the engine's UI. Anything else the page tries to open goes to the user's browser
// (http/https links) or nowhere, and IPC is answered only for pages served by the engine.

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function classifyNavigation(url: string, uiOrigin: string): NavigationDecision {
  const target = parse(url);
  if (!target) return 'deny';
  if (target.origin === uiOrigin) return 'allow';
  return target.protocol === 'https:' || target.protocol === 'http:' ? 'open-external' : 'deny';
}

/** True when an IPC call comes from a page of the engine's UI (not from an iframe or a page navigated elsewhere). */
export function isTrustedSender(senderUrl: string | undefined, uiOrigin: string): boolean {
  return senderUrl !== undefined && parse(senderUrl)?.origin === uiOrigin;
}
