// Scores placements against the ground truth: B-cubed precision/recall/F1 over sessions, exact-parent accuracy,
// link recall (sub-agent, side and continuation links found with the right parent session and, where the truth
// names one, the right interaction and tool call), and kind accuracy.

import type { Placement } from '../../shared/session';
import type { CorpusItem } from './client-sim';

export interface CorpusScore {
  interactions: number;
  sessions: number;
  precision: number;
  recall: number;
  f1: number;
  exactParent: number;
  linkRecall: number;
  links: number;
  kindAccuracy: number;
  mistakes: string[];
}

function groups(ids: string[], sessionOf: (id: string) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const id of ids) {
    const key = sessionOf(id);
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(id);
  }
  return out;
}

export function scoreCorpus(items: CorpusItem[], placements: Map<string, Placement>): CorpusScore {
  const ids = items.map((item) => item.interaction.id);
  const truthOf = new Map(items.map((item) => [item.interaction.id, item.truth]));
  const predicted = (id: string) => placements.get(id)!;
  const truthGroups = groups(ids, (id) => truthOf.get(id)!.sessionId);
  const predGroups = groups(ids, (id) => predicted(id).sessionId);
  let precision = 0;
  let recall = 0;
  let parents = 0;
  let kinds = 0;
  const mistakes: string[] = [];
  for (const id of ids) {
    const truth = truthOf.get(id)!;
    const placement = predicted(id);
    const t = truthGroups.get(truth.sessionId)!;
    const p = predGroups.get(placement.sessionId)!;
    let common = 0;
    for (const other of p) if (t.has(other)) common++;
    precision += common / p.size;
    recall += common / t.size;
    if (placement.parentId === truth.parentId) parents++;
    else mistakes.push(`${id}: parent ${placement.parentId} (${placement.kind}) expected ${truth.parentId} (${truth.kind})`);
    if (placement.kind === truth.kind) kinds++;
    else if (placement.parentId === truth.parentId) mistakes.push(`${id}: kind ${placement.kind} expected ${truth.kind}`);
  }
  let links = 0;
  let found = 0;
  for (const id of ids) {
    const truth = truthOf.get(id)!;
    if (!truth.link || truth.sessionId !== id) continue;
    links++;
    const link = predicted(id).link;
    const ok =
      link !== undefined &&
      link.relation === truth.link.relation &&
      link.parentSessionId === truth.link.parentSessionId &&
      (truth.link.viaInteractionId === undefined || link.viaInteractionId === truth.link.viaInteractionId) &&
      (truth.link.toolCallId === undefined || link.toolCallId === truth.link.toolCallId);
    if (ok) found++;
    else mistakes.push(`${id}: link ${JSON.stringify(link)} expected ${JSON.stringify(truth.link)}`);
  }
  const n = ids.length;
  const P = precision / n;
  const R = recall / n;
  return {
    interactions: n,
    sessions: truthGroups.size,
    precision: P,
    recall: R,
    f1: (2 * P * R) / (P + R),
    exactParent: parents / n,
    linkRecall: links === 0 ? 1 : found / links,
    links,
    kindAccuracy: kinds / n,
    mistakes,
  };
}
