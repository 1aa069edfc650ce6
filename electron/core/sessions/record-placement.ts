// Writes a decided placement into the index: the interaction's hashes, its session's tip, the side calls and
// sub-agents waiting for it, and the revisions a placement causes in earlier ones.

import type { Placement } from '../../../shared/session';
import type { Decision } from './decide-placement';
import type { PlacementContext } from './placement-context';
import type { ReconInteraction } from './recon-interaction';
import { CLIENT_SIDE_WINDOW_MS } from './side-call';
import {
  InteractionEntry,
  NONE,
  revise,
  scopesOf,
  sessionOf,
  type SessionEntry,
  type SessionIndexState,
} from './session-index';


export function recordPlacement(
  state: SessionIndexState,
  x: ReconInteraction,
  ctx: PlacementContext | undefined,
  decision: Decision,
): void {
  const placement = decision.placement;
  const shared = state.shared;
  // Ids held by the entry are the instances the index already holds, never copies (a session id is its first
  // interaction's id).
  const parent = placement.parentId === null ? undefined : state.entries.get(placement.parentId);
  const head = placement.sessionId === x.id ? undefined : sessionOf(state, placement.sessionId);
  // Only an interaction that opens a session is placed with a session id nobody holds yet: its own.
  if (placement.sessionId !== x.id && !head) throw new Error(`${x.id} placed in unknown session ${placement.sessionId}`);
  // A turn's history usually ends where its parent's answer ended: the same hash, held once.
  const chainEnd = ctx && parent?.afterHash === ctx.chainEnd ? parent.afterHash : ctx?.chainEnd ?? '';
  const entry = new InteractionEntry(
    x.id,
    x.startedAt,
    shared.string(x.clientKey),
    ctx ? shared.list(ctx.hints.runs) : NONE,
    shared.string(ctx?.hints.conversation),
    shared.string(ctx?.conversation.instructionsHash ?? ''),
    chainEnd,
    ctx?.hasTools ?? false,
    ctx?.asksSummary ?? false,
    { parentId: parent?.id ?? placement.parentId, kind: placement.kind, link: placement.link },
    head,
  );
  state.entries.set(entry.id, entry);
  state.counters.placed++;

  if (ctx) {
    if (ctx.conversation.units.length > 0 || ctx.previous) state.byRequestEnd.add(chainEnd, entry.id);
    state.byRequestKey.add(ctx.requestKey, entry.id);
  }
  if (parent && (placement.kind === 'turn' || placement.kind === 'branch')) parent.continuations++;
  if (decision.claim) decision.claim.claimedBy = entry.id;
  if (decision.compaction) markCompaction(state, decision.compaction);
  if (decision.promote) promoteSide(state, decision.promote);

  const session = head ?? (entry as SessionEntry);
  if (!head) {
    session.primary = isPrimaryStart(placement);
    state.sessionCount++;
  } else if (x.startedAt >= head.tip.startedAt) {
    head.tip = entry;
  }
  const hint = entry.conversationHint;
  if (hint && !state.conversationSessions.has(hint)) {
    state.conversationSessions.set(hint, session.id);
    session.sessionHint ??= hint;
  }

  if (session.primary) {
    for (const scope of scopesOf(entry)) {
      state.latestPrimary.set(scope, session.id);
      attachPendingSides(state, scope, session.id, entry);
    }
  }
  if (ctx && placement.kind === 'start' && !placement.link && ctx.leadingHashes.length > 0) {
    entry.leadingHashes = ctx.leadingHashes;
    for (const hash of ctx.leadingHashes) state.orphanStarts.add(hash, entry.id);
  }
  if (placement.kind === 'side' && !placement.link) {
    const scopes = entry.runs.length > 0 ? scopesOf({ runs: entry.runs }) : scopesOf(entry);
    for (const scope of scopes) state.pendingSides.add(scope, entry.id);
  }
}

function isPrimaryStart(placement: Placement): boolean {
  return placement.kind === 'start' && (!placement.link || placement.link.relation === 'continuation');
}

/** Side calls sent before their session existed (Claude Code's quota probe runs at startup). */
function attachPendingSides(state: SessionIndexState, scope: string, sessionId: string, via: InteractionEntry): void {
  for (const sideId of [...state.pendingSides.get(scope)]) {
    const side = state.entries.get(sideId);
    if (!side || side.kind !== 'side' || side.link) {
      state.pendingSides.remove(scope, sideId);
      continue;
    }
    if (scope.startsWith('client:') && via.startedAt - side.startedAt > CLIENT_SIDE_WINDOW_MS) continue;
    for (const other of scopesOf(side)) state.pendingSides.remove(other, sideId);
    revise(state, side, { ...side.placement, link: { parentSessionId: sessionId, relation: 'side', viaInteractionId: via.id } });
  }
}

function markCompaction(state: SessionIndexState, id: string): void {
  const entry = state.entries.get(id);
  // Only a turn or branch is re-labelled: a retry of the summarization stays a retry.
  if (!entry || entry.parentId === null || (entry.kind !== 'turn' && entry.kind !== 'branch')) return;
  const parent = state.entries.get(entry.parentId);
  if (parent) parent.continuations--;
  revise(state, entry, { ...entry.placement, kind: 'compaction' });
}

/** A "side call" that someone continued was the first turn of a real conversation after all. */
function promoteSide(state: SessionIndexState, id: string): void {
  const entry = state.entries.get(id);
  if (!entry || entry.kind !== 'side') return;
  for (const scope of scopesOf(entry)) state.pendingSides.remove(scope, id);
  const session = sessionOf(state, entry.sessionId);
  if (session) session.primary = true;
  revise(state, entry, { sessionId: entry.sessionId, parentId: null, kind: 'start' });
}
