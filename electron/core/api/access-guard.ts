// Who may talk to the local API: requests that carry the per-run token (Bearer header, the URL's token once, then
// a cookie), whose Host is our loopback address and port (DNS rebinding), and whose Origin, if any, is ours.

import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'threadtap_token';

export type AccessVerdict = { ok: true; viaQueryToken: boolean } | { ok: false; status: 401 | 403; reason: string };

export function checkAccess(req: IncomingMessage, token: string, port: number): AccessVerdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: `Host "${host}" is not this Threadtap instance` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return { ok: false, status: 403, reason: `Origin "${origin}" may not use the Threadtap API` };
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null && sameSecret(queryToken, token)) return { ok: true, viaQueryToken: true };
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer && sameSecret(bearer, token)) return { ok: true, viaQueryToken: false };
  const cookie = parseCookies(req.headers.cookie ?? '')[TOKEN_COOKIE];
  if (cookie && sameSecret(cookie, token)) return { ok: true, viaQueryToken: false };
  return { ok: false, status: 401, reason: 'Missing or wrong token: open the UI URL that `threadtap serve` printed' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}
