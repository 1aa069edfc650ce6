// What is new in a turn's request: the messages after the history the previous turn already sent and received.
// The previous turn is summarized by its history length and the fingerprint of its last message, so a long session
// costs memory per turn, not per turn times history.

import type { Message } from './normalized';
import { messageFingerprint } from './message-fingerprint';

export interface HistoryMark {
  /** Request messages plus response outputs of that turn. */
  length: number;
  /** Fingerprint of the last of those messages. */
  tailFingerprint: string;
  requestLength: number;
  requestTailFingerprint: string;
}

/** How a message is compared; a caller that keeps many marks may pass a digest of the fingerprint instead. */
export type MessageKey = (message: Message) => string;

export function historyMark(request: Message[], outputs: Message[], key: MessageKey = messageFingerprint): HistoryMark {
  const history = outputs.length > 0 ? [...request.slice(-1), ...outputs] : request.slice(-1);
  const last = history[history.length - 1];
  const lastRequest = request[request.length - 1];
  return {
    length: request.length + outputs.length,
    tailFingerprint: last ? key(last) : '',
    requestLength: request.length,
    requestTailFingerprint: lastRequest ? key(lastRequest) : '',
  };
}

/**
 * Index of the first new message. With the previous turn's mark: right after its history when this request
 * repeats it (the common case), or after its request when the answer was not echoed. Without a usable mark (first
 * turn, sliding windows, compaction): everything for a first turn, else what follows the last assistant message.
 */
export function newMessagesFrom(request: Message[], previous: HistoryMark | undefined, isFirst: boolean, key: MessageKey = messageFingerprint): number {
  if (isFirst && !previous) return 0;
  if (previous) {
    if (previous.length > 0 && request.length >= previous.length && key(request[previous.length - 1]) === previous.tailFingerprint) {
      return previous.length;
    }
    const r = previous.requestLength;
    if (r > 0 && request.length >= r && key(request[r - 1]) === previous.requestTailFingerprint) {
      // Skip the echoed answer when the client re-sent it in a form the fingerprint did not match exactly.
      let from = r;
      while (from < request.length && request[from].role === 'assistant') from++;
      return from;
    }
  }
  for (let i = request.length - 1; i >= 0; i--) {
    if (request[i].role === 'assistant') return i + 1;
  }
  return 0;
}
