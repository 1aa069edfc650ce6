// Placement of one interaction: where it sits in which session. Pure with respect to the outside world: the index is
// the only state, time comes in with the interaction.

import type { Placement } from '../../../shared/session';
import { decide, type Decision } from './decide-placement';
import { buildContext, type PlacementContext } from './placement-context';
import type { ReconInteraction } from './recon-interaction';
import { recordPlacement } from './record-placement';
import type { SessionIndex, SessionIndexState } from './session-index';

/**
 * Places `x` and remembers it. When `x` already carries its response (import, or a test), the response is
 * registered at once; live, call `index.registerResponse` when it completes. Placing the same id twice returns the
 * first placement (duplicate events are harmless).
 */
export function placeInteraction(index: SessionIndex, x: ReconInteraction): Placement {
  const state = index.state;
  const known = state.placements.get(x.id);
  if (known) return known;
  const ctx = buildContext(state, x);
  const decision = ctx
    ? applyConversationId(state, ctx, decide(state, ctx))
    : { placement: { sessionId: x.id, parentId: null, kind: 'standalone' as const } };
  recordPlacement(state, x, ctx, decision);
  // Only histories can be resumed; one-shot calls (side calls, first turns) would push them out of the cache.
  if (ctx && (ctx.conversation.hasAssistant || ctx.conversation.hasToolResults)) {
    state.histories.remember(state.placements.get(x.id)!.sessionId, ctx.conversation);
  }
  if (x.response !== undefined || x.failed || x.status !== undefined) {
    index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
  }
  return state.placements.get(x.id)!;
}

/** A conversation id sent by the client wins over content: everything carrying it lands in one session. */
function applyConversationId(state: SessionIndexState, ctx: PlacementContext, decision: Decision): Decision {
  const id = ctx.hints.conversation;
  if (!id) return decision;
  const placement = decision.placement;
  const owner = state.conversationSessions.get(id);
  if (!owner) {
    const target = state.sessions.get(placement.sessionId);
    if (target?.conversationHint && target.conversationHint !== id) {
      return { placement: { sessionId: ctx.x.id, parentId: null, kind: 'start' } };
    }
    return decision;
  }
  if (owner === placement.sessionId) return decision;
  const session = state.sessions.get(owner)!;
  const parentId =
    placement.parentId && state.entries.get(placement.parentId)?.sessionId === owner ? placement.parentId : session.tipId;
  return { placement: { sessionId: owner, parentId, kind: placement.kind === 'retry' ? 'retry' : 'turn' } };
}
