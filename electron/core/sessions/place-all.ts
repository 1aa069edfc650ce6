// Batch placement (import, re-placement): replays the interactions as a live proxy would have seen them. Requests
// are placed in start order and each answer becomes known only when it ended, so a capture gives the same
// sessions whatever order its entries were written in (start order, completion order, shuffled).

import type { Placement } from '../../../shared/session';
import { placeInteraction } from './place-interaction';
import type { ReconInteraction } from './recon-interaction';
import { createSessionIndex, type SessionIndex } from './session-index';

interface ReplayEvent {
  at: number;
  /** At equal times an answer that ended is visible to a request that starts; its own start always comes first. */
  phase: 0 | 1 | 2;
  x: ReconInteraction;
}

export function byStartOrder(a: ReconInteraction, b: ReconInteraction): number {
  return a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Placements keyed by interaction id, in start order, revisions applied. */
export function placeAll(
  interactions: readonly ReconInteraction[],
  index: SessionIndex = createSessionIndex(),
): Map<string, Placement> {
  const unique = new Map<string, ReconInteraction>();
  for (const x of interactions) if (!unique.has(x.id)) unique.set(x.id, x);
  const ordered = [...unique.values()].sort(byStartOrder);

  const events: ReplayEvent[] = [];
  for (const x of ordered) {
    events.push({ at: x.startedAt, phase: 1, x });
    const end = Math.max(x.endedAt ?? x.startedAt, x.startedAt);
    events.push({ at: end, phase: end === x.startedAt ? 2 : 0, x });
  }
  events.sort((a, b) => a.at - b.at || a.phase - b.phase || byStartOrder(a.x, b.x));

  for (const event of events) {
    const x = event.x;
    if (event.phase === 1) {
      placeInteraction(index, { ...x, response: undefined, status: undefined, failed: undefined, endedAt: undefined });
    } else {
      index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
    }
  }
  index.takeRevisions();
  const out = new Map<string, Placement>();
  for (const x of ordered) out.set(x.id, index.getPlacement(x.id)!);
  return out;
}
