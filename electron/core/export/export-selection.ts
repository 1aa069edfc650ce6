// Which sessions an export holds: named ids (with the sessions hanging off them: sub-agents, side calls,
// continuations), everything, those active since a time, those whose messages mention a text; or one turn.

import type { Message } from '../../../shared/normalized';
import { ThreadtapError } from '../errors';
import { loadRecords, planSessions, type RecordSource, type SessionPlan } from './session-plan';
import { sessionTitle } from './session-groups';

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

/** Whether a session's title or messages mention the text; reads its records one at a time and stops at a hit. */
async function sessionMentions(source: RecordSource, plan: SessionPlan, needle: string): Promise<boolean> {
  if ((await sessionTitle(source, plan)).toLowerCase().includes(needle)) return true;
  for await (const r of loadRecords(source, plan.refs)) {
    if (mentions(r.parsed.request?.messages, needle) || mentions(r.parsed.response?.outputs, needle)) return true;
  }
  return false;
}

/** The sessions to export, from the store's refs; only `search` reads records, one at a time. */
export async function selectSessions(source: RecordSource, selection: ExportSelection): Promise<SessionPlan[]> {
  const named = selection.sessionIds ?? [];
  if (!selection.interactionId && !selection.all && named.length === 0 && selection.since === undefined && !selection.search) {
    throw new ThreadtapError('bad-option', 'name session ids, or pass --all, --since or --search');
  }
  const refs = await source.listInteractionRefs();
  if (selection.interactionId) {
    const one = refs.find((r) => r.id === selection.interactionId);
    if (!one) throw new ThreadtapError('not-found', `no interaction ${selection.interactionId}`);
    return planSessions([one]);
  }
  let plans = planSessions(refs);
  if (named.length) {
    const known = new Set(plans.map((p) => p.id));
    const missing = named.filter((id) => !known.has(id));
    if (missing.length) throw new ThreadtapError('not-found', `no session ${missing.join(', ')}`);
    const wanted = new Set(named);
    if (selection.withChildren !== false) {
      // Follow links downwards until nothing new joins; a cycle of links stops because the set stops growing.
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of plans) {
          if (!wanted.has(p.id) && p.link && wanted.has(p.link.parentSessionId)) {
            wanted.add(p.id);
            grew = true;
          }
        }
      }
    }
    plans = plans.filter((p) => wanted.has(p.id));
  }
  if (selection.since !== undefined) {
    const since = selection.since;
    plans = plans.filter((p) => p.refs.some((r) => r.startedAt >= since));
  }
  if (selection.search) {
    const needle = selection.search.toLowerCase();
    const matching: SessionPlan[] = [];
    for (const plan of plans) if (await sessionMentions(source, plan, needle)) matching.push(plan);
    plans = matching;
  }
  return plans;
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
