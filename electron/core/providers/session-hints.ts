import { asRecord, asString, isRecord, tryParseJson } from './json-util';

// Ids a client gives its own session or run. Sessions decide what they mean; here we only collect them, keyed by
// where they came from ('header:x-session-id', 'body:metadata.user_id', ...).

const NAMED_HEADERS = new Set([
  'x-session-id',
  'session-id',
  'session_id',
  'conversation_id',
  'conversation-id',
  'x-conversation-id',
  'helicone-session-id',
  'x-claude-code-session-id',
]);

// Gateways and agents keep inventing `<vendor>-session-id` headers; matching the suffix catches them without a
// growing list. Request ids (x-request-id, x-stainless-*) deliberately do not match.
const SESSION_HEADER_SUFFIX = /(^|[-_])(session|conversation|thread)[-_]id$/;

export function headerSessionHints(headers: Record<string, string>): Record<string, string> {
  const hints: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (typeof value !== 'string' || value === '') continue;
    if (NAMED_HEADERS.has(name) || SESSION_HEADER_SUFFIX.test(name)) hints[`header:${name}`] = value;
  }
  return hints;
}

const SESSION_IN_USER_ID = /session_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * Anthropic `metadata.user_id`. Claude Code 1.x sends `user_<hash>_account_<uuid>_session_<uuid>`; some builds send
 * a JSON object string with a `session_id`. The whole string is kept as well as the session part.
 */
export function anthropicUserIdHints(userId: unknown): Record<string, string> {
  const value = asString(userId);
  if (!value) return {};
  const hints: Record<string, string> = { 'body:metadata.user_id': value };
  const match = SESSION_IN_USER_ID.exec(value);
  if (match) hints['body:metadata.user_id.session'] = match[1];
  else if (value.startsWith('{')) {
    const parsed = tryParseJson(value);
    const session = parsed.ok && isRecord(parsed.value) ? asString(parsed.value.session_id) : undefined;
    if (session) hints['body:metadata.user_id.session'] = session;
  }
  return hints;
}

/** OpenAI-family body fields: `prompt_cache_key`, `user`, and string values of `metadata`. */
export function openAiBodyHints(body: Record<string, unknown>): Record<string, string> {
  const hints: Record<string, string> = {};
  const cacheKey = asString(body.prompt_cache_key);
  if (cacheKey) hints['body:prompt_cache_key'] = cacheKey;
  const user = asString(body.user);
  if (user) hints['body:user'] = user;
  const metadata = asRecord(body.metadata);
  if (metadata) {
    for (const [k, v] of Object.entries(metadata)) if (typeof v === 'string' && v !== '') hints[`body:metadata.${k}`] = v;
  }
  return hints;
}
