// The latest canonical history of the most recently active sessions, so the next request of a session resumes it
// instead of normalizing and hashing its whole history again. Bounded by a count of sessions, never by the store:
// a session that falls out costs one full canonicalization when it comes back, and results never depend on what
// the cache holds. It keeps the parsed messages of those requests alive, which is the price of comparing instead of
// hashing.

import type { Message } from '../../../shared/normalized';
import type { CanonicalHistory } from './canonical-history';
import type { Hash } from './hash128';
import { sameMessage } from './message-equality';

const SESSIONS = 8;

export class HistoryCache {
  private readonly latest = new Map<string, CanonicalHistory>();

  constructor(private readonly capacity = SESSIONS) {}

  /** The longest cached history that `messages` repeats in full before adding to it (or not). */
  resumable(messages: readonly Message[], base: Hash): CanonicalHistory | undefined {
    let best: CanonicalHistory | undefined;
    for (const history of this.latest.values()) {
      if (history.base !== base || (best && best.messages.length >= history.messages.length)) continue;
      if (extendsMessages(history.messages, messages)) best = history;
    }
    return best;
  }

  remember(sessionId: string, history: CanonicalHistory): void {
    // Re-inserted so the Map's order is least recently active first.
    this.latest.delete(sessionId);
    this.latest.set(sessionId, history);
    if (this.latest.size > this.capacity) this.latest.delete(this.latest.keys().next().value!);
  }

  get size(): number {
    return this.latest.size;
  }
}

/**
 * Whether `later` starts with every message of `earlier`. A continuation repeats the earlier request whole, so its
 * last message is compared first: other sessions almost always differ there and cost one comparison.
 */
function extendsMessages(earlier: readonly Message[], later: readonly Message[]): boolean {
  const n = earlier.length;
  if (n === 0 || n > later.length || !sameMessage(earlier[n - 1], later[n - 1])) return false;
  for (let i = 0; i < n - 1; i++) if (!sameMessage(earlier[i], later[i])) return false;
  return true;
}
