// Live messages from the core to the UI: past-tense events, a discriminated union every consumer switches over
// exhaustively.

import type { InteractionRecord } from './interaction';

export type LiveEvent =
  | { type: 'interaction-started'; interaction: InteractionRecord }
  | { type: 'interaction-progress'; id: string; textDelta: string; bytes: number }
  | { type: 'interaction-completed'; interaction: InteractionRecord }
  | { type: 'capture-warning'; message: string };

export function assertNever(value: never): never {
  throw new Error(`Unhandled live event: ${JSON.stringify(value)}`);
}
