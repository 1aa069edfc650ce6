// HAR headers are a list of {name, value}. They become the exchange's header map exactly as live capture builds
// it: names lower-cased, repeats joined, credentials fingerprinted (redactHeaders is the one place that knows how).

import { redactHeaders } from '../capture/redact-credentials';

/** `:authority`, `:path`…: HTTP/2 framing that Chrome and HTTP Toolkit list as headers; a proxy never sees them. */
const isPseudoHeader = (name: string) => name.startsWith(':');

/** A header value as text; objects and other shapes no HAR writer produces are dropped rather than stringified. */
function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function harHeaders(list: unknown): Record<string, string> {
  if (!Array.isArray(list)) return {};
  // No prototype: a header named `__proto__` or `constructor` is just a name.
  const collected: Record<string, string[]> = Object.create(null);
  let authority: string | undefined;
  for (const header of list as { name?: unknown; value?: unknown }[]) {
    if (!header || typeof header.name !== 'string' || header.name === '') continue;
    const name = header.name.toLowerCase();
    const value = headerValue(header.value);
    if (value === undefined) continue;
    if (isPseudoHeader(name)) {
      if (name === ':authority') authority = value;
      continue;
    }
    (collected[name] ??= []).push(value);
  }
  // An HTTP/2 request names its host only in `:authority`; the HTTP/1.1 request a proxy sees carries it as `host`.
  if (authority && !collected.host) collected.host = [authority];
  return redactHeaders(collected);
}
