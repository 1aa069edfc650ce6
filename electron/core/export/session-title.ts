// A session's title: the title a side call generated for it when one was seen (Claude Code asks a small model for
// one), else the first thing the person typed.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Message } from '../../../shared/normalized';

const MAX = 80;

function clip(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

function texts(messages: Message[] | undefined, role?: Message['role']): string[] {
  return (messages ?? [])
    .filter((m) => !role || m.role === role)
    .flatMap((m) => m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])));
}

/** The first user text that is not tool plumbing (Claude Code's `<system-reminder>` blocks). */
export function firstUserText(records: InteractionRecord[], transform: (text: string) => string = (t) => t): string | undefined {
  for (const record of records) {
    for (const text of texts(record.parsed.request?.messages, 'user')) {
      // Transformed (redacted) before clipping: a clipped secret would no longer look like one.
      if (text.trim() && !text.trimStart().startsWith('<system-reminder>')) return clip(transform(text));
    }
  }
  return undefined;
}

/** The answer of a side call that was asked for a title: a short, single-line text. */
export function generatedTitle(sideCall: InteractionRecord[], transform: (text: string) => string = (t) => t): string | undefined {
  for (const record of sideCall) {
    const asked = texts(record.parsed.request?.messages).some((t) => /\btitle\b/i.test(t));
    if (!asked) continue;
    const answer = texts(record.parsed.response?.outputs).join('').trim();
    if (!answer || answer.includes('\n') || answer.length > 120) continue;
    const json = /^\{.*\}$/.test(answer) ? safeTitleField(answer) : undefined;
    return clip(transform(json ?? answer.replace(/^["']|["']$/g, '')));
  }
  return undefined;
}

function safeTitleField(text: string): string | undefined {
  try {
    const value = (JSON.parse(text) as { title?: unknown }).title;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function fallbackTitle(records: InteractionRecord[], transform: (text: string) => string = (t) => t): string {
  const first = records[0];
  return first ? transform(`${first.exchange.method} ${first.exchange.url}`) : 'Empty session';
}
