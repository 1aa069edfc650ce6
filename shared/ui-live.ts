// The live feed the UI's one WebSocket carries: every event numbered (`seq`, +1 each), so a client can tell which
// deltas a snapshot already contains and notice a gap. Past-tense events, switched over exhaustively.

import type { SessionRow, TurnView } from './api-contract';
import type { Placement } from './session';

export type UiLiveEvent =
  | { type: 'interaction-started'; turn: TurnView }
  | { type: 'interaction-progress'; id: string; sessionId: string; textDelta: string; bytes: number }
  | { type: 'interaction-completed'; turn: TurnView }
  | { type: 'placement-revised'; id: string; placement: Placement; turn: TurnView }
  | { type: 'session-updated'; session: SessionRow; rootId: string }
  | { type: 'capture-warning'; message: string };

export type UiLiveMessage =
  /** First message on every connection: the number of the last event sent before it. */
  | { kind: 'hello'; seq: number }
  | { kind: 'event'; seq: number; event: UiLiveEvent };

export function assertNeverEvent(value: never): never {
  throw new Error(`Unhandled live event: ${JSON.stringify(value)}`);
}
