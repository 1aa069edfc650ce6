import { createHash } from 'node:crypto';
import type { Message, Part, Role, ToolSpec } from '../../../shared/normalized';
import { asArray, asString, isRecord, omitKeys } from './json-util';

// Shared constructors for normalized parts. Empty text produces no part at all, because clients turn
// `content: null` into "" and back; both must compare equal.

export function textParts(text: unknown): Part[] {
  return typeof text === 'string' && text !== '' ? [{ type: 'text', text }] : [];
}

/** Image part from a URL; data: URLs are reduced to type, size and hash so the store does not hold the bytes twice. */
export function imageFromUrl(url: string, mediaType?: string): Part {
  const match = /^data:([^;,]*)(;base64)?,/.exec(url);
  if (!match) return { type: 'image', url, ...(mediaType ? { mediaType } : {}) };
  return imageFromBase64(url.slice(match[0].length), match[1] || mediaType);
}

export function imageFromBase64(data: string, mediaType?: string): Part {
  return {
    type: 'image',
    ...(mediaType ? { mediaType } : {}),
    dataBytes: Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0),
    dataHash: createHash('sha256').update(data).digest('hex').slice(0, 16),
  };
}

const TRANSPORT_KEYS = ['cache_control', 'id', 'status'] as const;

/** Keeps an unknown block as sent, minus fields that change between echoes without changing meaning. */
export function otherPart(kind: string, raw: unknown): Part {
  return { type: 'other', kind, raw: omitKeys(raw, TRANSPORT_KEYS) };
}

export function message(role: Role, parts: Part[], name?: string): Message {
  return name ? { role, parts, name } : { role, parts };
}

/** Adjacent text deltas of one block become one text part. */
export function appendText(parts: Part[], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.type === 'text') last.text += text;
  else parts.push({ type: 'text', text });
}

export function appendThinking(parts: Part[], text: string, signature?: string): void {
  const last = parts[parts.length - 1];
  if (last && last.type === 'thinking' && !last.redacted && !last.encrypted) {
    last.text += text;
    if (signature) last.signature = signature;
  } else if (text !== '' || signature) {
    parts.push({ type: 'thinking', text, ...(signature ? { signature } : {}) });
  }
}

/** Provider role names onto ours; Gemini says 'model', old OpenAI said 'function'. */
export function roleOf(value: unknown, fallback: Role = 'user'): Role {
  const role = asString(value);
  switch (role) {
    case 'system':
    case 'developer':
    case 'user':
    case 'assistant':
    case 'tool':
      return role;
    case 'model':
      return 'assistant';
    case 'function':
      return 'tool';
    default:
      return fallback;
  }
}

/** Flat tool lists (Anthropic, Responses): name, description, and the schema under the API's own key. */
export function flatToolSpecs(raw: unknown, schemaKey: string): ToolSpec[] | undefined {
  const specs = asArray(raw).filter(isRecord).map((tool): ToolSpec => {
    const description = asString(tool.description);
    return {
      name: asString(tool.name) ?? asString(tool.type) ?? 'unknown',
      ...(description ? { description } : {}),
      ...(tool[schemaKey] !== undefined ? { schema: tool[schemaKey] } : {}),
    };
  });
  return specs.length > 0 ? specs : undefined;
}
