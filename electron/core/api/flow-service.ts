// The flow of a run: a session, every session linked to it (sub-agents, side calls, continuations, at any depth)
// and all their calls with timings, in one answer, so the waterfall needs one request however many lanes it has.

import { flowCallFromTurn, type FlowData, type FlowSession } from '../../../shared/flow-data';
import { ThreadtapError } from '../errors';
import type { SessionCatalog } from './session-catalog';

/** The flow of the run `sessionId` belongs to (its root session and everything under it). */
export function flowOf(catalog: SessionCatalog, sessionId: string, seq: number): FlowData {
  if (!catalog.hasSession(sessionId)) throw new ThreadtapError('not-found', `No session ${sessionId}`);
  const rootId = catalog.rootOf(sessionId);
  const sessions: FlowSession[] = [];
  const calls: FlowData['calls'] = [];
  for (const id of catalog.subtree(rootId)) {
    const turns = catalog.sessionTurns(id);
    if (turns.length === 0) continue;
    const row = catalog.row(id);
    const link = turns.find((t) => t.link)?.link;
    sessions.push({
      id,
      title: row.title,
      parentSessionId: id === rootId ? null : row.parentSessionId,
      relation: id === rootId ? null : row.relation,
      ...(row.viaInteractionId ? { viaInteractionId: row.viaInteractionId } : {}),
      ...(link?.toolCallId ? { toolCallId: link.toolCallId } : {}),
    });
    for (const turn of turns) calls.push(flowCallFromTurn(turn));
  }
  return { seq, rootId, sessions, calls };
}
