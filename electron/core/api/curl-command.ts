// "Copy as curl" for a captured request. Credentials are as stored: fingerprints, never the real key, so the
// command shows what was sent without leaking it; the user pastes their own key back in to replay.

import type { Exchange } from '../../../shared/exchange';

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Headers curl sets itself or that would break a replay (the body is sent decoded). */
const SKIP = new Set(['host', 'content-length', 'accept-encoding', 'connection', 'transfer-encoding', 'proxy-connection']);

export function curlCommand(exchange: Exchange): string {
  const lines = [`curl ${shellQuote(exchange.url)}`];
  if (exchange.method !== 'GET' || exchange.requestBody) lines.push(`-X ${exchange.method}`);
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (!SKIP.has(name)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  const body = exchange.requestBody;
  if (body?.encoding === 'utf8') lines.push(`--data-raw ${shellQuote(body.data)}`);
  else if (body) lines.push(`--data-binary @request-body.bin  # ${body.size} bytes of binary body not inlined`);
  return lines.join(' \\\n  ');
}
