// Writes a decided placement into the index: the interaction's hashes, its session's tip, the side calls and
// sub-agents waiting for it, and the revisions a placement causes in earlier ones.

import type { Placement } from '../../../shared/session';
import type { Decision } from './decide-placement';
import type { PlacementContext } from './placement-context';
import type { ReconInteraction } from './recon-interaction';
import { CLIENT_SIDE_WINDOW_MS } from './side-call';
import { revise, scopesOf, type InteractionEntry, type SessionIndexState } from './session-index';


export function recordPlacement(
  state: SessionIndexState,
  x: ReconInteraction,
  ctx: PlacementContext | undefined,
  decision: Decision,
): void {
  const placement = decision.placement;
  const entry: InteractionEntry = {
    id: x.id,
    startedAt: x.startedAt,
    clientKey: x.clientKey,
    runs: ctx?.hints.runs ?? [],
    conversationHint: ctx?.hints.conversation,
    instructionsHash: ctx?.conversation.instructionsHash ?? '',
    hasTools: ctx?.hasTools ?? false,
    chainEnd: ctx?.chainEnd ?? '',
    requestKey: ctx?.requestKey ?? '',
    asksSummary: ctx?.asksSummary ?? false,
    sessionId: placement.sessionId,
    parentId: placement.parentId,
    kind: placement.kind,
    continuations: 0,
    responded: false,
    failed: false,
    summaryLines: 0,
    leadingHashes: [],
  };
  state.entries.set(x.id, entry);
  state.placements.set(x.id, placement);
  state.counters.placed++;

  if (ctx) {
    if (ctx.conversation.units.length > 0 || ctx.previous) state.byRequestEnd.add(ctx.chainEnd, x.id);
    state.byRequestKey.add(ctx.requestKey, x.id);
  }
  if (placement.parentId && (placement.kind === 'turn' || placement.kind === 'branch')) {
    const parent = state.entries.get(placement.parentId);
    if (parent) parent.continuations++;
  }
  if (decision.claim) decision.claim.claimedBy = x.id;
  if (decision.compaction) markCompaction(state, decision.compaction);
  if (decision.promote) promoteSide(state, decision.promote);

  let session = state.sessions.get(placement.sessionId);
  if (!session) {
    session = {
      id: placement.sessionId,
      primary: isPrimaryStart(placement),
      tipId: x.id,
      tipStartedAt: x.startedAt,
    };
    state.sessions.set(session.id, session);
  } else if (x.startedAt >= session.tipStartedAt) {
    session.tipId = x.id;
    session.tipStartedAt = x.startedAt;
  }
  const hint = ctx?.hints.conversation;
  if (hint && !state.conversationSessions.has(hint)) {
    state.conversationSessions.set(hint, session.id);
    session.conversationHint ??= hint;
  }

  if (session.primary) {
    for (const scope of scopesOf(entry)) {
      state.latestPrimary.set(scope, session.id);
      attachPendingSides(state, scope, session.id, x);
    }
  }
  if (ctx && placement.kind === 'start' && !placement.link) {
    entry.leadingHashes = ctx.leadingHashes;
    for (const hash of ctx.leadingHashes) state.orphanStarts.add(hash, x.id);
  }
  if (placement.kind === 'side' && !placement.link) {
    const scopes = entry.runs.length > 0 ? scopesOf({ runs: entry.runs }) : scopesOf(entry);
    for (const scope of scopes) state.pendingSides.add(scope, x.id);
  }
}

function isPrimaryStart(placement: Placement): boolean {
  return placement.kind === 'start' && (!placement.link || placement.link.relation === 'continuation');
}

/** Side calls sent before their session existed (Claude Code's quota probe runs at startup). */
function attachPendingSides(state: SessionIndexState, scope: string, sessionId: string, x: ReconInteraction): void {
  for (const sideId of [...state.pendingSides.get(scope)]) {
    const side = state.entries.get(sideId);
    const placement = state.placements.get(sideId);
    if (!side || !placement || placement.kind !== 'side' || placement.link) {
      state.pendingSides.remove(scope, sideId);
      continue;
    }
    if (scope.startsWith('client:') && x.startedAt - side.startedAt > CLIENT_SIDE_WINDOW_MS) continue;
    for (const other of scopesOf(side)) state.pendingSides.remove(other, sideId);
    revise(state, sideId, { ...placement, link: { parentSessionId: sessionId, relation: 'side', viaInteractionId: x.id } });
  }
}

function markCompaction(state: SessionIndexState, id: string): void {
  const placement = state.placements.get(id);
  // Only a turn or branch is re-labelled: a retry of the summarization stays a retry.
  if (!placement || placement.parentId === null || (placement.kind !== 'turn' && placement.kind !== 'branch')) return;
  const parent = state.entries.get(placement.parentId);
  if (parent) parent.continuations--;
  revise(state, id, { ...placement, kind: 'compaction' });
}

/** A "side call" that someone continued was the first turn of a real conversation after all. */
function promoteSide(state: SessionIndexState, id: string): void {
  const placement = state.placements.get(id);
  const entry = state.entries.get(id);
  if (!placement || !entry || placement.kind !== 'side') return;
  for (const scope of scopesOf(entry)) state.pendingSides.remove(scope, id);
  const session = state.sessions.get(entry.sessionId);
  if (session) session.primary = true;
  revise(state, id, { sessionId: placement.sessionId, parentId: null, kind: 'start' });
}
