// Small, total helpers for reading untrusted JSON: every accessor returns undefined instead of throwing, so
// adapters can walk any body without guarding each step.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

export function tryParseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Tool arguments travel as JSON strings in some APIs and as objects in others, and clients re-serialize them
 * (whitespace, key order). Parsing them makes an echoed call compare equal to the original.
 */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return sortKeys(value ?? {});
  if (value.trim() === '') return {};
  const parsed = tryParseJson(value);
  return parsed.ok ? sortKeys(parsed.value) : value;
}

/**
 * A copy with object keys in sorted order, recursively. Structural comparison ignores key order anyway, but
 * hashing a serialized message (content-addressed storage) does not.
 */
export function sortKeys(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, depth + 1));
  if (!isRecord(value)) return value;
  const out: JsonRecord = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key], depth + 1);
  return out;
}

/** A copy without the named keys; used to drop transport-only fields such as cache_control. */
export function omitKeys(value: unknown, keys: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Everything in a request body except the fields an adapter normalizes elsewhere (messages, tools, model, ...). */
export function restParams(body: JsonRecord, exclude: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!exclude.includes(k)) params[k] = v;
  return params;
}
