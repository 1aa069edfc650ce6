// One session's timeline and the live reducer that grows it: new turns, streamed text, completion, moves.

import type { SessionDetail, SessionRow, TurnView } from '../../../shared/api-contract';
import { assertNeverEvent, type UiLiveEvent } from '../../../shared/ui-live';

function upsert(detail: SessionDetail, turn: TurnView): SessionDetail {
  const index = detail.turns.findIndex((t) => t.id === turn.id);
  if (turn.sessionId !== detail.session.id) {
    return index < 0 ? detail : { ...detail, turns: detail.turns.filter((t) => t.id !== turn.id) };
  }
  const turns = detail.turns.slice();
  if (index >= 0) {
    // The completed turn replaces the streaming one; keep links to sub-agents learnt meanwhile.
    turns[index] = { ...turn, childSessions: turn.childSessions.length ? turn.childSessions : turns[index].childSessions };
    return { ...detail, turns };
  }
  let at = turns.length;
  while (at > 0 && turns[at - 1].startedAt > turn.startedAt) at--;
  turns.splice(at, 0, turn);
  return { ...detail, turns };
}

function findRow(row: SessionRow, id: string): SessionRow | undefined {
  if (row.id === id) return row;
  for (const child of row.children) {
    const found = findRow(child, id);
    if (found) return found;
  }
  return undefined;
}

export function reduceTimeline(detail: SessionDetail, event: UiLiveEvent): SessionDetail {
  switch (event.type) {
    case 'interaction-started':
    case 'interaction-completed':
    case 'placement-revised':
      return upsert(detail, event.turn);
    case 'interaction-progress': {
      if (event.sessionId !== detail.session.id) return detail;
      const index = detail.turns.findIndex((t) => t.id === event.id);
      if (index < 0) return detail;
      const turns = detail.turns.slice();
      const turn = turns[index];
      turns[index] = { ...turn, state: turn.state === 'pending' ? 'streaming' : turn.state, streamedText: (turn.streamedText ?? '') + event.textDelta };
      return { ...detail, turns };
    }
    case 'session-updated': {
      const row = findRow(event.session, detail.session.id);
      return row ? { ...detail, session: row } : detail;
    }
    case 'capture-warning':
      return detail;
    default:
      return assertNeverEvent(event);
  }
}
