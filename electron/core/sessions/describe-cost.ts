// What placement has cost so far, in operations rather than time, so tests and the benchmark can show the cost of
// one placement does not grow with the store.

import type { SessionIndex } from './session-index';

export interface CostReport {
  placed: number;
  responses: number;
  lookups: number;
  lookupsPerPlacement: number;
  unitsComputed: number;
  unitsPerPlacement: number;
  sessions: number;
}

export function describeCost(index: SessionIndex): CostReport {
  const { placed, responses, lookups, unitsComputed } = index.counters;
  return {
    placed,
    responses,
    lookups,
    lookupsPerPlacement: placed === 0 ? 0 : lookups / placed,
    unitsComputed,
    unitsPerPlacement: placed === 0 ? 0 : unitsComputed / placed,
    sessions: index.state.sessionCount,
  };
}
