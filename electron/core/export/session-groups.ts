// Each exported session's header (title, link, times, models, usage) and cost, worked out before any body is
// written so writers can stream a session interaction by interaction. Records are read one at a time, so this pass
// holds one record at once, whatever the session's size.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Usage } from '../../../shared/normalized';
import type { SessionRelation } from '../../../shared/session';
import type { InteractionRef } from '../store/capture-store';
import type { PriceTable } from '../api/price-table';
import { loadRecords, type RecordSource, type SessionPlan } from './session-plan';
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
  /** In start order, then id; writers read each record when they reach it. */
  refs: InteractionRef[];
  /** The priced calls' total; null when no call could be priced. */
  costUsd: number | null;
}

export type TextTransform = (text: string) => string;

export function addUsage(total: Usage, usage: Usage): Usage {
  const out: Usage = { ...total };
  for (const key of Object.keys(usage) as (keyof Usage)[]) {
    const value = usage[key];
    if (typeof value === 'number') out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

/**
 * The title a side call generated for the session when there was one (Claude Code asks a small model), else the
 * first thing the person typed, else the first request line. `transform` (an export's redactor) sees the text
 * before it is clipped, so a clipped secret cannot slip past the patterns. Stops reading at the first answer.
 */
export async function sessionTitle(source: RecordSource, plan: SessionPlan, transform?: TextTransform): Promise<string> {
  for (const side of plan.sideCalls) {
    for await (const record of loadRecords(source, side.refs)) {
      const title = generatedTitle([record], transform);
      if (title !== undefined) return title;
    }
  }
  let first: InteractionRecord | undefined;
  for await (const record of loadRecords(source, plan.refs)) {
    first ??= record;
    const title = firstUserText([record], transform);
    if (title !== undefined) return title;
  }
  return fallbackTitle(first ? [first] : [], transform);
}

/** Headers and costs for the planned sessions, in their order. */
export async function sessionGroups(source: RecordSource, plans: readonly SessionPlan[], prices?: PriceTable, transform?: TextTransform): Promise<SessionGroup[]> {
  const groups: SessionGroup[] = [];
  for (const plan of plans) {
    const models = new Set<string>();
    let usage: Usage = {};
    let endedAt = Number.NEGATIVE_INFINITY;
    let costUsd: number | null = null;
    for await (const record of loadRecords(source, plan.refs)) {
      const model = record.parsed.response?.model ?? record.parsed.model;
      if (model) models.add(model);
      usage = addUsage(usage, record.parsed.response?.usage ?? {});
      endedAt = Math.max(endedAt, record.exchange.endedAt ?? record.exchange.startedAt);
      const cost = prices && recordCost(prices, record);
      if (cost) costUsd = (costUsd ?? 0) + cost.usd;
    }
    const link = plan.link;
    const startedAt = plan.refs[0]?.startedAt ?? 0;
    groups.push({
      header: {
        id: plan.id,
        title: await sessionTitle(source, plan, transform),
        parentSessionId: link?.parentSessionId ?? null,
        relation: link?.relation ?? null,
        ...(link?.viaInteractionId ? { viaInteractionId: link.viaInteractionId } : {}),
        ...(link?.toolCallId ? { viaToolCallId: link.toolCallId } : {}),
        startedAt: new Date(startedAt).toISOString(),
        endedAt: new Date(Number.isFinite(endedAt) ? endedAt : startedAt).toISOString(),
        models: [...models],
        usage,
      },
      refs: plan.refs,
      costUsd,
    });
  }
  return groups;
}

/** One call's cost from its usage and model, as the UI's catalog prices it. */
function recordCost(prices: PriceTable, r: InteractionRecord) {
  return prices.costOf({ api: r.parsed.api, provider: r.parsed.provider, url: r.exchange.url, model: r.parsed.response?.model ?? r.parsed.model, usage: r.parsed.response?.usage ?? {}, at: r.exchange.startedAt });
}
