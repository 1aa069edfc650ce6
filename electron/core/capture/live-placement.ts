// Reconstruction in the live pipeline: an interaction is placed when its request has been sent, its answer is
// registered when it finishes, and placements that reconstruction revises later are handed back so the store and
// the UI can follow.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement } from '../../../shared/session';
import { createSessionIndex, OrderedPlacement, placeInteraction, type SessionIndex } from '../sessions';
import { toReconInteraction } from '../sessions/from-record';

export interface PlacementResult {
  placement: Placement;
  /** Earlier interactions whose placement changed because of this one. */
  revisions: { id: string; placement: Placement }[];
}

export interface LivePlacement {
  /** Replays what the store held, a page at a time in start order, before any live traffic is placed. */
  restore(page: InteractionRecord[]): void;
  /** The last restored answers become known; call once after the last page. */
  restored(): void;
  placeRequest(record: InteractionRecord): PlacementResult;
  placeResponse(record: InteractionRecord): PlacementResult;
}

const standalone = (record: InteractionRecord): PlacementResult => ({
  placement: { sessionId: record.id, parentId: null, kind: 'standalone' },
  revisions: [],
});

/** Rebuilds the index from what the store already holds (`restore`), so sessions continue across restarts. */
export function createLivePlacement(): LivePlacement {
  const index: SessionIndex = createSessionIndex();
  let replay: OrderedPlacement | undefined = new OrderedPlacement(index);

  const result = (id: string): PlacementResult => ({
    placement: index.getPlacement(id)!,
    revisions: index.takeRevisions().filter((r) => r.id !== id),
  });

  const placeRequestOnly = (record: InteractionRecord) => {
    const x = toReconInteraction(record);
    if (x && !index.getPlacement(x.id)) placeInteraction(index, { ...x, response: undefined, endedAt: undefined, status: undefined, failed: undefined });
    return x;
  };

  return {
    restore(page) {
      if (!replay) throw new Error('the stored interactions were already restored');
      for (const record of page) {
        const x = toReconInteraction(record);
        if (x) replay.startFromStore(x);
      }
    },
    restored() {
      replay?.finish();
      replay = undefined;
      index.takeRevisions();
    },
    placeRequest(record) {
      return placeRequestOnly(record) ? result(record.id) : standalone(record);
    },
    placeResponse(record) {
      const x = placeRequestOnly(record);
      if (!x) return standalone(record);
      index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
      return result(x.id);
    },
  };
}
