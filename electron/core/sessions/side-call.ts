// Side calls: the small requests an agent makes around its real conversation (Claude Code's quota probe, title,
// topic and spinner-word calls, file-path extraction; similar calls in other clients). They are one-shot, carry no
// tools and no history, and either ask for almost nothing (max_tokens 1) or go to a small model.

import type { NormalizedRequest } from '../../../shared/normalized';
import type { CanonicalConversation } from './canonical-history';

/** Side calls of a client without run ids only attach to a session of that client active this recently. */
export const CLIENT_SIDE_WINDOW_MS = 30 * 60_000;

const TOKEN_LIMIT_PARAMS = ['max_tokens', 'max_output_tokens', 'max_completion_tokens', 'maxOutputTokens', 'num_predict'];

const SMALL_MODEL = /haiku|(^|[-_.:/])(mini|nano|flash-lite|lite|small|tiny)([-_.:]|$)/i;

export function tokenLimit(request: NormalizedRequest): number | undefined {
  for (const name of TOKEN_LIMIT_PARAMS) {
    const value = request.params?.[name];
    if (typeof value === 'number') return value;
  }
  const options = request.params?.options;
  if (options && typeof options === 'object') {
    const value = (options as Record<string, unknown>).num_predict;
    if (typeof value === 'number') return value;
  }
  return undefined;
}

export function isSmallModel(model: string | undefined): boolean {
  return model !== undefined && SMALL_MODEL.test(model);
}

/**
 * Shape only; whether a side call really serves a session is decided by the index (same run or client). A false
 * positive is repaired later: a "side call" that someone continues becomes the start of its own session.
 */
export function looksLikeSideCall(request: NormalizedRequest, conversation: CanonicalConversation, model?: string): boolean {
  if (conversation.hasAssistant || conversation.hasToolResults) return false;
  if (request.tools && request.tools.length > 0) return false;
  if (request.previousResponseId) return false;
  const limit = tokenLimit(request);
  if (limit !== undefined && limit <= 1) return true;
  return isSmallModel(model ?? request.model);
}

/** A request that asks the model to summarize the conversation so far: the first half of a compaction. */
export function asksForSummary(conversation: CanonicalConversation): boolean {
  const text = conversation.lastUserText;
  return text !== undefined && /\b(summar(y|ies|ize|ise|izing|ising)|compact(ion)?)\b/i.test(text);
}
