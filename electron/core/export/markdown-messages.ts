// Normalized messages as Markdown: text as written, tool calls and results in fenced blocks, thinking folded away.

import type { Message, Part } from '../../../shared/normalized';
import type { Redactor } from './redaction';

/** A fence longer than any run of backticks in the content, so no body can close it early. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

const pretty = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function partMarkdown(part: Part, redactor: Redactor): string {
  switch (part.type) {
    case 'text':
      return redactor.text(part.text);
    case 'tool-call':
      return `**Tool call** \`${part.name}\`${part.id ? ` (${part.id})` : ''}\n\n${fenced(redactor.text(pretty(part.arguments)), 'json')}`;
    case 'tool-result': {
      const inner = part.content.map((p) => (p.type === 'text' ? p.text : pretty(p))).join('\n');
      const label = `**Tool result**${part.name ? ` \`${part.name}\`` : ''}${part.toolCallId ? ` (${part.toolCallId})` : ''}${part.isError ? ' — error' : ''}`;
      return `${label}\n\n${fenced(redactor.text(inner))}`;
    }
    case 'thinking':
      if (part.redacted || (!part.text && part.encrypted)) return '_(thinking, encrypted)_';
      return `<details><summary>Thinking</summary>\n\n${redactor.text(part.text)}\n\n</details>`;
    case 'image':
      return `_(image${part.mediaType ? ` ${part.mediaType}` : ''}${part.dataBytes ? `, ${part.dataBytes} bytes` : ''}${part.url ? `, ${redactor.text(part.url)}` : ''})_`;
    case 'other':
      return `**${part.kind}**\n\n${fenced(redactor.text(pretty(part.raw)), 'json')}`;
    default: {
      const never: never = part;
      return String(never);
    }
  }
}

export function messageMarkdown(message: Message, redactor: Redactor): string {
  const who = message.role[0].toUpperCase() + message.role.slice(1);
  const body = message.parts.map((p) => partMarkdown(p, redactor)).join('\n\n');
  return `#### ${who}${message.name ? ` (${redactor.text(message.name)})` : ''}\n\n${body || '_(empty)_'}`;
}
