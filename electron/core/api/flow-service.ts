// The flow of a run: a session, every session linked to it (sub-agents, side calls, continuations, at any depth)
// and all their calls with timings, in one answer, so the waterfall needs one request however many lanes it has.

import { flowCallFromTurn, type FlowData, type FlowSession } from '../../../shared/flow-data';
import { ThreadtapError } from '../errors';
import { loadTurns, type TurnSources } from './turn-loader';

/** The flow of the run `sessionId` belongs to (its root session and everything under it). */
export async function flowOf(sources: TurnSources, sessionId: string, seq: number): Promise<FlowData> {
  const { catalog } = sources;
  if (!catalog.hasSession(sessionId)) throw new ThreadtapError('not-found', `No session ${sessionId}`);
  const rootId = catalog.rootOf(sessionId);
  const sessions: FlowSession[] = [];
  const listed = catalog.subtree(rootId).map((id) => ({ id, turns: catalog.sessionTurns(id), row: catalog.row(id) }));
  // Everything above is read at `seq`; the content read after it adds no turn the seq does not cover.
  const views = await loadTurns(sources, listed.flatMap((s) => s.turns));
  const calls: FlowData['calls'] = [];
  let next = 0;
  for (const { id, turns: listedTurns, row } of listed) {
    const turns = views.slice(next, (next += listedTurns.length));
    if (turns.length === 0) continue;
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
