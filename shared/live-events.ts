// Live messages from the core to the UI: past-tense events, a discriminated union every consumer switches over
// exhaustively.

import type { InteractionRecord } from './interaction';
import type { Placement } from './session';

export type LiveEvent =
  | { type: 'interaction-started'; interaction: InteractionRecord }
  | { type: 'interaction-progress'; id: string; textDelta: string; bytes: number }
  | { type: 'interaction-completed'; interaction: InteractionRecord }
  /** Reconstruction moved an earlier interaction (a late sub-agent link, a side call that someone continued). */
  | { type: 'placement-revised'; id: string; placement: Placement }
  | { type: 'capture-warning'; message: string };

export function assertNever(value: never): never {
  throw new Error(`Unhandled live event: ${JSON.stringify(value)}`);
}
