// Which sessions an export holds: named ids (with the sessions hanging off them: sub-agents, side calls,
// continuations), everything, those active since a time, those whose messages mention a text; or one turn.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Message } from '../../../shared/normalized';
import { ThreadtapError } from '../errors';
import { groupSessions, type SessionGroup } from './session-groups';

export interface ExportSelection {
  sessionIds?: string[];
  all?: boolean;
  /** Epoch ms: sessions with a call started at or after it. */
  since?: number;
  /** Case-insensitive text searched in the sessions' messages and titles. */
  search?: string;
  /** One turn alone (the UI's "export this turn"). */
  interactionId?: string;
  /** Named sessions bring the sessions linked under them (default true). */
  withChildren?: boolean;
}

function mentions(messages: Message[] | undefined, needle: string): boolean {
  for (const message of messages ?? []) {
    for (const part of message.parts) {
      const text = part.type === 'text' || part.type === 'thinking' ? part.text : part.type === 'tool-call' ? JSON.stringify(part.arguments) : part.type === 'tool-result' ? JSON.stringify(part.content) : '';
      if (text.toLowerCase().includes(needle)) return true;
    }
  }
  return false;
}

export function selectSessions(records: InteractionRecord[], selection: ExportSelection): SessionGroup[] {
  if (selection.interactionId) {
    const one = records.find((r) => r.id === selection.interactionId);
    if (!one) throw new ThreadtapError('not-found', `no interaction ${selection.interactionId}`);
    return groupSessions([one]);
  }
  const named = selection.sessionIds ?? [];
  if (!selection.all && named.length === 0 && selection.since === undefined && !selection.search) {
    throw new ThreadtapError('bad-option', 'name session ids, or pass --all, --since or --search');
  }
  let groups = groupSessions(records);
  if (named.length) {
    const byId = new Map(groups.map((g) => [g.header.id, g]));
    const missing = named.filter((id) => !byId.has(id));
    if (missing.length) throw new ThreadtapError('not-found', `no session ${missing.join(', ')}`);
    const wanted = new Set(named);
    if (selection.withChildren !== false) {
      // Follow links downwards until nothing new joins; a cycle of links stops because the set stops growing.
      for (let grew = true; grew; ) {
        grew = false;
        for (const g of groups) {
          if (!wanted.has(g.header.id) && g.header.parentSessionId && wanted.has(g.header.parentSessionId)) {
            wanted.add(g.header.id);
            grew = true;
          }
        }
      }
    }
    groups = groups.filter((g) => wanted.has(g.header.id));
  }
  if (selection.since !== undefined) {
    const since = selection.since;
    groups = groups.filter((g) => g.records.some((r) => r.exchange.startedAt >= since));
  }
  if (selection.search) {
    const needle = selection.search.toLowerCase();
    groups = groups.filter(
      (g) => g.header.title.toLowerCase().includes(needle) || g.records.some((r) => mentions(r.parsed.request?.messages, needle) || mentions(r.parsed.response?.outputs, needle)),
    );
  }
  return groups;
}

/** `--since`: an ISO date or time, epoch ms, or a duration back from now (`30m`, `2h`, `7d`). */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/i.exec(value.trim());
  if (relative) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[relative[2].toLowerCase() as 's'];
    return now - Number(relative[1]) * unit;
  }
  if (/^\d{10,}$/.test(value.trim())) return Number(value);
  const parsed = Date.parse(value);
  if (!Number.isFinite(parsed)) throw new ThreadtapError('bad-option', `--since ${value}: give an ISO time (2026-01-31T09:00), epoch ms, or a duration such as 2h or 7d`);
  return parsed;
}
