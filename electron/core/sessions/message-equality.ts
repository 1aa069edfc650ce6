// Whether two parsed messages are the same as far as their units are concerned, by comparing them rather than
// hashing them: equal strings compare at memory speed. It may answer "different" for messages with equal units
// (a dropped thinking block, a re-minted tool-call id), which only costs a recomputation; it never answers "same"
// for messages whose units differ.

import type { Message, Part } from '../../../shared/normalized';

export function sameMessage(a: Message, b: Message): boolean {
  return a === b || (a.role === b.role && sameParts(a.parts, b.parts));
}

function sameParts(a: readonly Part[], b: readonly Part[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePart(a[i], b[i])) return false;
  return true;
}

function samePart(a: Part, b: Part): boolean {
  switch (a.type) {
    case 'text':
      return b.type === 'text' && a.text === b.text;
    case 'image':
      return b.type === 'image' && a.dataHash === b.dataHash && a.url === b.url && a.dataBytes === b.dataBytes;
    case 'tool-call':
      return b.type === 'tool-call' && a.name === b.name && sameJson(a.arguments, b.arguments);
    case 'tool-result':
      return b.type === 'tool-result' && sameParts(a.content, b.content);
    case 'thinking':
      return b.type === 'thinking';
    case 'other':
      return b.type === 'other' && a.kind === b.kind && sameJson(a.raw, b.raw);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // for-in instead of Object.keys: no arrays allocated for the thousands of re-sent tool arguments.
  let keys = 0;
  for (const key in ra) {
    if (!Object.prototype.hasOwnProperty.call(rb, key) || !sameJson(ra[key], rb[key])) return false;
    keys++;
  }
  for (const _ in rb) keys--;
  return keys === 0;
}
