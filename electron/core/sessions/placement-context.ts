// Everything placement derives from one request before it looks anything up, and the rule that ranks candidates
// when several earlier interactions match the same hash (identical first exchanges from two clients, a popular
// short answer): explicit ids first, then run, then client, then an untaken tip, then the same instructions.

import { canonicalizeHistory, type CanonicalHistory } from './canonical-history';
import { hashJson } from './content-hash';
import { Hasher, type Hash } from './hash128';
import { CHAIN_ROOT, promptHash } from './history-chain';
import type { ReconInteraction } from './recon-interaction';
import { classifyHints, runsConflict, runsShared, type ClientHints } from './session-hints';
import { lookup, type InteractionEntry, type SessionIndexState } from './session-index';
import { asksForSummary } from './side-call';

export interface PlacementContext {
  x: ReconInteraction;
  conversation: CanonicalHistory;
  hints: ClientHints;
  /** Chained hashes of the history, starting from the chained-to response's state when previous_response_id is used. */
  chain: Hash[];
  chainEnd: Hash;
  requestKey: Hash;
  hasTools: boolean;
  previous?: InteractionEntry;
  asksSummary: boolean;
  leadingHashes: Hash[];
}

const NON_CONVERSATIONAL = new Set(['openai-embeddings', 'gemini-embed', 'ollama-embed']);

/** Undefined for calls that are not conversations (embeddings, unparsed requests): they stand alone. */
export function buildContext(state: SessionIndexState, x: ReconInteraction): PlacementContext | undefined {
  const request = x.request;
  if (!request || !Array.isArray(request.messages) || NON_CONVERSATIONAL.has(x.api)) return undefined;
  const hints = classifyHints(request.sessionHints);
  const previousId = request.previousResponseId ? lookup(state, state.byResponseId, request.previousResponseId) : undefined;
  const previous = previousId ? state.entries.get(previousId) : undefined;
  const base = previous?.afterHash ?? CHAIN_ROOT;
  const conversation = canonicalizeHistory(request.messages, base, state.histories.resumable(request.messages, base));
  state.counters.unitsComputed += conversation.computedUnits;
  const chain = conversation.chain;
  const chainEnd = chain.length > 0 ? chain[chain.length - 1] : base;
  const key = new Hasher()
    .string(chainEnd)
    .string(conversation.instructionsHash)
    .string(x.model ?? request.model ?? '')
    .string(request.previousResponseId ?? '');
  hashJson(key, request.params ?? {});
  const requestKey = hashJson(key, request.tools ?? []).digest();
  const last = conversation.units[conversation.units.length - 1];
  const leading = conversation.leadingUserTexts;
  const leadingTexts = leading.length > 1 ? [...leading, leading.join(' ')] : leading;
  return {
    x,
    conversation,
    hints,
    chain,
    chainEnd,
    requestKey,
    hasTools: (request.tools?.length ?? 0) > 0,
    previous,
    asksSummary: last !== undefined && last.role === 'u' && asksForSummary(conversation),
    leadingHashes: leadingTexts.map(promptHash),
  };
}

export function scoreCandidate(ctx: PlacementContext, entry: InteractionEntry): number {
  let score = 0;
  const conversation = ctx.hints.conversation;
  if (conversation && entry.conversationHint) score += entry.conversationHint === conversation ? 32 : -64;
  if (runsShared(ctx.hints.runs, entry.runs)) score += 8;
  else if (runsConflict(ctx.hints.runs, entry.runs)) score -= 16;
  if (ctx.x.clientKey && entry.clientKey) score += ctx.x.clientKey === entry.clientKey ? 4 : -4;
  if (entry.continuations === 0) score += 2;
  if (entry.instructionsHash === ctx.conversation.instructionsHash) score += 1;
  return score;
}

/** Same client (when both are known) and not a different run: required when the evidence is weaker than a prefix. */
export function sameSource(ctx: PlacementContext, entry: InteractionEntry): boolean {
  if (ctx.x.clientKey && entry.clientKey && ctx.x.clientKey !== entry.clientKey) return false;
  return !runsConflict(ctx.hints.runs, entry.runs);
}

export function bestCandidate(
  state: SessionIndexState,
  ctx: PlacementContext,
  ids: readonly string[],
  accept: (entry: InteractionEntry) => boolean = () => true,
): InteractionEntry | undefined {
  let best: InteractionEntry | undefined;
  let bestScore = -Infinity;
  for (const id of ids) {
    const entry = state.entries.get(id);
    if (!entry || entry.id === ctx.x.id || entry.startedAt > ctx.x.startedAt || !accept(entry)) continue;
    const score = scoreCandidate(ctx, entry);
    const better =
      score > bestScore ||
      (score === bestScore && best !== undefined &&
        (entry.startedAt > best.startedAt || (entry.startedAt === best.startedAt && entry.id > best.id)));
    if (better) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}
