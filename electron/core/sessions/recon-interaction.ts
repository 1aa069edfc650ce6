// What reconstruction needs to know about one interaction. The store and the live pipeline build it from an
// InteractionRecord; reconstruction never sees raw HTTP, and time always comes in as data (no clock inside).

import type { Api, NormalizedRequest, NormalizedResponse } from '../../../shared/normalized';

export interface ReconInteraction {
  id: string;
  /** Epoch milliseconds when the request started. */
  startedAt: number;
  /** Epoch milliseconds when the response completed or failed; absent while in flight. */
  endedAt?: number;
  provider: string;
  api: Api;
  model?: string;
  request: NormalizedRequest;
  response?: NormalizedResponse;
  /** HTTP status of the response, when one arrived. */
  status?: number;
  /** The exchange failed without a usable response (connection error, abort). */
  failed?: boolean;
  /** Who sent it: user-agent plus client address, so that two clients with identical traffic stay apart. */
  clientKey?: string;
}

/** How an interaction ended, reported when its response completes (live) or known up front (import). */
export interface ResponseOutcome {
  status?: number;
  failed?: boolean;
  endedAt?: number;
}

/** A failed attempt is one a client would retry: an error status, an error body, a broken or missing response. */
export function isFailedOutcome(response: NormalizedResponse | undefined, outcome: ResponseOutcome): boolean {
  if (outcome.failed) return true;
  if (outcome.status !== undefined && outcome.status >= 400) return true;
  if (!response) return true;
  return response.error !== undefined || response.incomplete === true;
}
