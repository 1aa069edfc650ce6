// A message's identity for comparing one request's history with another's. Ignores what clients change when they
// echo history back: thinking blocks (dropped in later turns), tool-argument serialization, ids of replayed items,
// surrounding whitespace. Pure, no node:* (used by the renderer and the core).

import type { Message, Part } from './normalized';

function partKey(part: Part): string {
  switch (part.type) {
    case 'text':
      return `t:${part.text.trim()}`;
    case 'image':
      return `i:${part.dataHash ?? part.url ?? part.mediaType ?? ''}`;
    case 'tool-call':
      return `c:${part.name}:${part.id ?? ''}`;
    case 'tool-result':
      return `r:${part.toolCallId ?? ''}:${part.content.map(partKey).join('|')}`;
    case 'thinking':
      return '';
    case 'other':
      return `o:${part.kind}`;
    default: {
      const unknown: never = part;
      return `?:${JSON.stringify(unknown)}`;
    }
  }
}

export function messageFingerprint(message: Message): string {
  const parts = message.parts.map(partKey).filter((key) => key !== '' && key !== 't:');
  return `${message.role}\u0000${parts.join('\u0001')}`;
}

export function isEmptyMessage(message: Message): boolean {
  return message.parts.every((part) => (part.type === 'text' && part.text.trim() === '') || part.type === 'thinking');
}

/** All text of a message (text parts, tool results' text, tool-call arguments), for search and snippets. */
export function messageText(message: Message): string {
  return message.parts.map(partText).filter(Boolean).join('\n');
}

function partText(part: Part): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'thinking':
      return part.text;
    case 'tool-call':
      return `${part.name} ${typeof part.arguments === 'string' ? part.arguments : JSON.stringify(part.arguments ?? '')}`;
    case 'tool-result':
      return part.content.map(partText).join('\n');
    case 'image':
    case 'other':
      return '';
    default: {
      const unknown: never = part;
      return String(unknown);
    }
  }
}
