// What placement has cost so far, in operations rather than time, so tests and the benchmark can show the cost of
// one placement does not grow with the store.

import type { SessionIndex } from './session-index';

export interface CostReport {
  placed: number;
  responses: number;
  lookups: number;
  lookupsPerPlacement: number;
  sessions: number;
}

export function describeCost(index: SessionIndex): CostReport {
  const { placed, responses, lookups } = index.counters;
  return {
    placed,
    responses,
    lookups,
    lookupsPerPlacement: placed === 0 ? 0 : lookups / placed,
    sessions: index.state.sessions.size,
  };
}
