// Batch placement (import, re-placement): replays the interactions as a live proxy would have seen them. Requests
// are placed in start order and each answer becomes known only when it ended, so a capture gives the same
// sessions whatever order its entries were written in (start order, completion order, shuffled).

import type { Placement } from '../../../shared/session';
import { OrderedPlacement } from './ordered-placement';
import type { ReconInteraction } from './recon-interaction';
import { createSessionIndex, type SessionIndex } from './session-index';

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
  const replay = new OrderedPlacement(index);
  for (const x of ordered) replay.start(x);
  replay.finish();
  index.takeRevisions();
  const out = new Map<string, Placement>();
  for (const x of ordered) out.set(x.id, index.getPlacement(x.id)!);
  return out;
}
