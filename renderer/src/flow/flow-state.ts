// The live reducer of a run's flow: calls start, stream and complete, move between sessions, and new linked
// sessions (a sub-agent, a side call) join the run as their first call arrives.

import { flowCallFromTurn, type FlowData, type FlowSession } from '../../../shared/flow-data';
import type { SessionRow, TurnView } from '../../../shared/api-contract';
import { assertNeverEvent, type UiLiveEvent } from '../../../shared/ui-live';

function sessionsOfRow(row: SessionRow, isRoot: boolean, out: FlowSession[] = []): FlowSession[] {
  out.push({
    id: row.id,
    title: row.title,
    parentSessionId: isRoot ? null : row.parentSessionId,
    relation: isRoot ? null : row.relation,
    ...(row.viaInteractionId ? { viaInteractionId: row.viaInteractionId } : {}),
  });
  for (const child of row.children) sessionsOfRow(child, false, out);
  return out;
}

function upsert(data: FlowData, turn: TurnView): FlowData {
  const known = new Set(data.sessions.map((s) => s.id));
  const index = data.calls.findIndex((c) => c.id === turn.id);
  const joins = !known.has(turn.sessionId) && turn.link && known.has(turn.link.parentSessionId);
  if (!known.has(turn.sessionId) && !joins) {
    // Moved out of this run (a placement revision): drop it.
    return index < 0 ? data : { ...data, calls: data.calls.filter((c) => c.id !== turn.id) };
  }
  const calls = data.calls.slice();
  const call = flowCallFromTurn(turn);
  if (index >= 0) calls[index] = call;
  else calls.push(call);
  let sessions = data.sessions;
  if (joins && turn.link) {
    sessions = [
      ...sessions,
      {
        id: turn.sessionId,
        title: turn.sessionId,
        parentSessionId: turn.link.parentSessionId,
        relation: turn.link.relation,
        ...(turn.link.viaInteractionId ? { viaInteractionId: turn.link.viaInteractionId } : {}),
        ...(turn.link.toolCallId ? { toolCallId: turn.link.toolCallId } : {}),
      },
    ];
  }
  return { ...data, calls, sessions };
}

export function reduceFlow(data: FlowData, event: UiLiveEvent): FlowData {
  switch (event.type) {
    case 'interaction-started':
    case 'interaction-completed':
    case 'placement-revised':
      return upsert(data, event.turn);
    case 'interaction-progress': {
      const index = data.calls.findIndex((c) => c.id === event.id);
      if (index < 0 || data.calls[index].state !== 'pending') return data;
      const calls = data.calls.slice();
      calls[index] = { ...calls[index], state: 'streaming' };
      return { ...data, calls };
    }
    case 'session-updated': {
      if (event.rootId !== data.rootId) return data;
      // The row tree is the authority on titles and links; keep toolCallIds learnt from turns.
      const toolCallIds = new Map(data.sessions.map((s) => [s.id, s.toolCallId]));
      const sessions = sessionsOfRow(event.session, true).map((s) => (toolCallIds.get(s.id) ? { ...s, toolCallId: toolCallIds.get(s.id) } : s));
      const ids = new Set(sessions.map((s) => s.id));
      for (const s of data.sessions) if (!ids.has(s.id)) sessions.push(s);
      return { ...data, sessions };
    }
    case 'capture-warning':
      return data;
    default:
      return assertNeverEvent(event);
  }
}
