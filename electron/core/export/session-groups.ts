// Interactions grouped into sessions, with each session's header (title, link, times, models, usage) worked out
// before any body is written, so writers can stream a session interaction by interaction.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Usage } from '../../../shared/normalized';
import type { Placement, SessionRelation } from '../../../shared/session';
import { fallbackTitle, firstUserText, generatedTitle } from './session-title';

export interface SessionHeader {
  id: string;
  title: string;
  parentSessionId: string | null;
  relation: SessionRelation | null;
  /** The interaction (and its tool call) in the parent session that started this one. */
  viaInteractionId?: string;
  viaToolCallId?: string;
  startedAt: string;
  endedAt: string;
  models: string[];
  usage: Usage;
}

export interface SessionGroup {
  header: SessionHeader;
  /** In start order, then id. */
  records: InteractionRecord[];
}

export function addUsage(total: Usage, usage: Usage): Usage {
  const out: Usage = { ...total };
  for (const key of Object.keys(usage) as (keyof Usage)[]) {
    const value = usage[key];
    if (typeof value === 'number') out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

/** `transform` is applied to title text before it is clipped (exports pass their redactor). */
export function groupSessions(records: InteractionRecord[], transform?: (text: string) => string): SessionGroup[] {
  const bySession = new Map<string, InteractionRecord[]>();
  for (const record of records) {
    const sessionId = record.placement?.sessionId ?? record.id;
    let list = bySession.get(sessionId);
    if (!list) bySession.set(sessionId, (list = []));
    list.push(record);
  }
  const links = new Map<string, Placement['link']>();
  const generatedTitles = new Map<string, string>();
  for (const [id, list] of bySession) {
    list.sort((a, b) => a.exchange.startedAt - b.exchange.startedAt || a.id.localeCompare(b.id));
    const link = list.find((r) => r.placement?.link)?.placement?.link;
    links.set(id, link);
    const title = link?.relation === 'side' ? generatedTitle(list, transform) : undefined;
    if (link && title && !generatedTitles.has(link.parentSessionId)) generatedTitles.set(link.parentSessionId, title);
  }
  const groups: SessionGroup[] = [];
  for (const [id, list] of bySession) {
    const link = links.get(id);
    const models = [...new Set(list.map((r) => r.parsed.response?.model ?? r.parsed.model).filter((m): m is string => !!m))];
    groups.push({
      header: {
        id,
        title: generatedTitles.get(id) ?? firstUserText(list, transform) ?? fallbackTitle(list, transform),
        parentSessionId: link?.parentSessionId ?? null,
        relation: link?.relation ?? null,
        ...(link?.viaInteractionId ? { viaInteractionId: link.viaInteractionId } : {}),
        ...(link?.toolCallId ? { viaToolCallId: link.toolCallId } : {}),
        startedAt: new Date(list[0].exchange.startedAt).toISOString(),
        endedAt: new Date(Math.max(...list.map((r) => r.exchange.endedAt ?? r.exchange.startedAt))).toISOString(),
        models,
        usage: list.reduce<Usage>((total, r) => addUsage(total, r.parsed.response?.usage ?? {}), {}),
      },
      records: list,
    });
  }
  groups.sort((a, b) => a.header.startedAt.localeCompare(b.header.startedAt) || a.header.id.localeCompare(b.header.id));
  return groups;
}

/** The groups' titles again, from text redacted before clipping, so a clipped secret cannot slip past the patterns. */
export function retitle(groups: SessionGroup[], transform: (text: string) => string): SessionGroup[] {
  const titled = new Map(groupSessions(groups.flatMap((g) => g.records), transform).map((g) => [g.header.id, g.header.title]));
  return groups.map((g) => ({ ...g, header: { ...g.header, title: titled.get(g.header.id) ?? transform(g.header.title) } }));
}
