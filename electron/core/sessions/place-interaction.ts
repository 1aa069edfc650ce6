// Placement of one interaction: where it sits in which session. Pure with respect to the outside world: the index is
// the only state, time comes in with the interaction.

import type { Placement } from '../../../shared/session';
import { decide, type Decision } from './decide-placement';
import { buildContext, type PlacementContext } from './placement-context';
import type { ReconInteraction } from './recon-interaction';
import { recordPlacement } from './record-placement';
import { sessionOf, type SessionIndex, type SessionIndexState } from './session-index';

/**
 * Places `x` and remembers it. When `x` already carries its response (import, or a test), the response is
 * registered at once; live, call `index.registerResponse` when it completes. Placing the same id twice returns the
 * first placement (duplicate events are harmless).
 */
export function placeInteraction(index: SessionIndex, x: ReconInteraction): Placement {
  const state = index.state;
  const known = state.entries.get(x.id);
  if (known) return known.placement;
  const ctx = buildContext(state, x);
  const decision = ctx
    ? applyConversationId(state, ctx, decide(state, ctx))
    : { placement: { sessionId: x.id, parentId: null, kind: 'standalone' as const } };
  recordPlacement(state, x, ctx, decision);
  // Only histories can be resumed; one-shot calls (side calls, first turns) would push them out of the cache.
  if (ctx && (ctx.conversation.hasAssistant || ctx.conversation.hasToolResults)) {
    state.histories.remember(state.entries.get(x.id)!.sessionId, ctx.conversation);
  }
  if (x.response !== undefined || x.failed || x.status !== undefined) {
    index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
  }
  return state.entries.get(x.id)!.placement;
}

/** A conversation id sent by the client wins over content: everything carrying it lands in one session. */
function applyConversationId(state: SessionIndexState, ctx: PlacementContext, decision: Decision): Decision {
  const id = ctx.hints.conversation;
  if (!id) return decision;
  const placement = decision.placement;
  const owner = state.conversationSessions.get(id);
  if (!owner) {
    const target = sessionOf(state, placement.sessionId);
    if (target?.sessionHint && target.sessionHint !== id) {
      return { placement: { sessionId: ctx.x.id, parentId: null, kind: 'start' } };
    }
    return decision;
  }
  if (owner === placement.sessionId) return decision;
  const session = sessionOf(state, owner)!;
  const parentId =
    placement.parentId && state.entries.get(placement.parentId)?.sessionId === owner ? placement.parentId : session.tip.id;
  return { placement: { sessionId: owner, parentId, kind: placement.kind === 'retry' ? 'retry' : 'turn' } };
}
