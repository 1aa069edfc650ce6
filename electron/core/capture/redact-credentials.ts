// Credentials never reach the store: at capture they are replaced by a fingerprint that is enough to tell two
// keys apart (`sk-ant-…9f3a`) and useless to anyone who reads it.

const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'openai-api-key',
  'anthropic-api-key',
  'x-auth-token',
  'cookie',
  'set-cookie',
]);

const CREDENTIAL_QUERY_PARAMS = new Set(['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token', 'sig']);

/** `sk-ant-api03-abcdef…9f3a` -> `sk-ant-…9f3a`: a recognisable vendor prefix and the last four characters. */
export function fingerprint(secret: string): string {
  const value = secret.trim();
  if (value.length <= 8) return '…';
  const prefix = /^(sk-ant-|sk-proj-|sk-or-v1-|sk-|gsk_|xai-|AIza|hf_|ghp_|pk-|rk-)/.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}

function redactHeaderValue(name: string, value: string): string {
  if (name === 'cookie' || name === 'set-cookie') {
    return value.replace(/=([^;]*)/g, (_m, v: string) => `=${fingerprint(v)}`);
  }
  const scheme = /^(Bearer|Basic|Token|Bot)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${fingerprint(value.slice(scheme[0].length))}` : fingerprint(value);
}

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

/** Lower-cases header names, joins repeated headers, and fingerprints credentials. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = Array.isArray(rawValue) ? rawValue.join(name === 'set-cookie' ? '\n' : ', ') : String(rawValue);
    out[name] = CREDENTIAL_HEADERS.has(name) ? redactHeaderValue(name, value) : value;
  }
  return out;
}

/** Fingerprints key-shaped query parameters such as Gemini's `?key=`. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.slice(0, queryStart) + '?[unparsable query removed]';
  }
  let changed = false;
  for (const [name, value] of parsed.searchParams) {
    if (CREDENTIAL_QUERY_PARAMS.has(name.toLowerCase())) {
      parsed.searchParams.set(name, fingerprint(value));
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}
