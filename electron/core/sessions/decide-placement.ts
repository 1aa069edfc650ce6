// The placement rules, strongest evidence first. Each rule costs a few hash lookups per message of the request;
// nothing here walks the sessions already stored.

import type { Placement } from '../../../shared/session';
import { summaryLineHashes } from './summary-lines';
import { CLIENT_SIDE_WINDOW_MS, looksLikeSideCall } from './side-call';
import { bestCandidate, sameSource, type PlacementContext } from './placement-context';
import { lookup, scopesOf, sessionOf, type InteractionEntry, type PromptEntry, type SessionIndexState } from './session-index';

export interface Decision {
  placement: Placement;
  /** The sub-agent tool call this interaction answers, to mark as taken. */
  claim?: PromptEntry;
  /** The summarization whose answer opened this continuation; it becomes a compaction if it was not one yet. */
  compaction?: string;
  /** A side call that turned out to be continued: it is the start of a real session. */
  promote?: string;
}


export function decide(state: SessionIndexState, ctx: PlacementContext): Decision {
  const { x, conversation } = ctx;
  const fresh = (kind: Placement['kind'] = 'start'): Placement => ({ sessionId: x.id, parentId: null, kind });

  // 1. The same body again: a retry when the earlier copy failed, a regeneration when it succeeded and there was
  //    history to regenerate from. An identical request while the first is still out is not a retry: SDKs retry
  //    after a failure or a timeout, and a timeout aborts (fails) the first copy before the second starts.
  const repeat = latestCopy(state, ctx);
  if (repeat && repeat.responded && repeat.failed) {
    return { placement: { sessionId: repeat.sessionId, parentId: repeat.parentId, kind: 'retry' } };
  }
  if (repeat && repeat.responded && repeat.parentId !== null) {
    return { placement: { sessionId: repeat.sessionId, parentId: repeat.parentId, kind: 'branch' } };
  }

  // 2. Chained by id: only the new items are sent.
  if (ctx.previous) return continueFrom(ctx, ctx.previous);

  const startsFresh = !conversation.hasAssistant && !conversation.hasToolResults;
  // 3. A sub-agent: a new conversation whose first user message is the prompt of a tool call.
  if (startsFresh) {
    const claim = findPrompt(state, ctx);
    if (claim) {
      const parent = state.entries.get(claim.interactionId)!;
      const link: Placement['link'] = { parentSessionId: parent.sessionId, relation: 'subagent', viaInteractionId: parent.id };
      if (claim.toolCallId) link.toolCallId = claim.toolCallId;
      return { placement: { ...fresh(), link }, claim };
    }
  }

  // 4. A side call: its own small session, attached to the session it serves (or later, when that one starts).
  if (looksLikeSideCall(x.request, conversation, x.model)) {
    const target = sideTarget(state, ctx);
    const placement = fresh('side');
    if (target) placement.link = { parentSessionId: target.id, relation: 'side', viaInteractionId: target.tip.id };
    return { placement };
  }

  // 5. The history continues a known state: the longest prefix that ends where an answer or a request ended.
  const chainHit = searchChain(state, ctx);

  // 6. A continuation after compaction carries an earlier summary in its first message.
  if (!chainHit) {
    const summary = findSummary(state, ctx);
    if (summary) {
      return {
        placement: {
          ...fresh(),
          link: { parentSessionId: summary.sessionId, relation: 'continuation', viaInteractionId: summary.id },
        },
        compaction: summary.id,
      };
    }
  }

  // 7. Clients that rewrite the history around the answers (sliding windows, re-rendered context before the
  //    history, elided tool output) still echo the answers: the latest known one is the parent.
  const answerHit = searchAnswers(state, ctx, chainHit?.position ?? 0);
  const hit = answerHit ?? chainHit;
  if (hit) return continueFrom(ctx, hit.entry);
  return { placement: fresh() };
}

function continueFrom(ctx: PlacementContext, parent: InteractionEntry): Decision {
  const compaction =
    ctx.asksSummary &&
    (ctx.conversation.instructionsHash !== parent.instructionsHash || parent.hasTools !== ctx.hasTools);
  const kind = compaction ? 'compaction' : parent.continuations > 0 ? 'branch' : 'turn';
  return {
    placement: { sessionId: parent.sessionId, parentId: parent.id, kind },
    promote: parent.kind === 'side' ? parent.id : undefined,
  };
}

interface Hit {
  entry: InteractionEntry;
  /** How many units of the request the evidence covers. */
  position: number;
}

function searchChain(state: SessionIndexState, ctx: PlacementContext): Hit | undefined {
  const { chain } = ctx;
  for (let k = chain.length - 1; k >= 0; k--) {
    const after = bestCandidate(state, ctx, state.byAfter.get(chain[k]));
    if (after) return { entry: after, position: k + 1 };
    // Reusing an earlier request's whole history and adding to it (a summarization request that drops the
    // pending answer). The same history with nothing added is a new conversation, not a continuation.
    if (k < chain.length - 1) {
      const request = bestCandidate(state, ctx, state.byRequestEnd.get(chain[k]));
      if (request) return { entry: request, position: k + 1 };
    }
  }
  return undefined;
}

function searchAnswers(state: SessionIndexState, ctx: PlacementContext, after: number): Hit | undefined {
  const runs = ctx.conversation.assistantRuns;
  for (let i = runs.length - 1; i >= 0 && runs[i].end > after; i--) {
    const entry = bestCandidate(state, ctx, state.byAnswer.get(runs[i].hash), (candidate) => sameSource(ctx, candidate));
    if (entry) return { entry, position: runs[i].end };
  }
  return undefined;
}

function findPrompt(state: SessionIndexState, ctx: PlacementContext): PromptEntry | undefined {
  for (const hash of ctx.leadingHashes) {
    const open = state.byPrompt.get(hash).filter((prompt) => prompt.claimedBy === undefined);
    const ids = open.map((prompt) => prompt.interactionId);
    // Sub-agents run in the agent's own process: a tool argument from another client (a search query that happens
    // to equal someone's question) is not a prompt for this conversation.
    const parent = bestCandidate(state, ctx, ids, (entry) => sameSource(ctx, entry));
    if (parent) return open.find((prompt) => prompt.interactionId === parent.id);
  }
  return undefined;
}

function findSummary(state: SessionIndexState, ctx: PlacementContext): InteractionEntry | undefined {
  const first = ctx.x.request.messages.find((message) => message.role !== 'system' && message.role !== 'developer');
  if (!first || first.role !== 'user') return undefined;
  const votes = new Map<string, number>();
  for (const line of summaryLineHashes(first.parts)) {
    for (const id of state.bySummaryLine.get(line)) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  const ids = [...votes.keys()].filter((id) => {
    const entry = state.entries.get(id)!;
    return votes.get(id)! * 2 >= entry.summaryLines;
  });
  return bestCandidate(state, ctx, ids);
}

function sideTarget(state: SessionIndexState, ctx: PlacementContext) {
  // With run ids, only the same run qualifies: another agent on the same machine has the same client key.
  const scopes = ctx.hints.runs.length > 0 ? scopesOf({ runs: ctx.hints.runs }) : scopesOf({ runs: [], clientKey: ctx.x.clientKey });
  for (const scope of scopes) {
    const sessionId = lookup(state, state.latestPrimary, scope);
    const session = sessionId ? sessionOf(state, sessionId) : undefined;
    if (!session) continue;
    if (scope.startsWith('client:') && ctx.x.startedAt - session.tip.startedAt > CLIENT_SIDE_WINDOW_MS) continue;
    return session;
  }
  return undefined;
}

/** The most recent earlier copy of the same body from the same source: what happened to it decides retry or not. */
function latestCopy(state: SessionIndexState, ctx: PlacementContext): InteractionEntry | undefined {
  let latest: InteractionEntry | undefined;
  for (const id of state.byRequestKey.get(ctx.requestKey)) {
    const entry = state.entries.get(id);
    if (!entry || entry.startedAt > ctx.x.startedAt || !sameSource(ctx, entry)) continue;
    if (!latest || entry.startedAt > latest.startedAt || (entry.startedAt === latest.startedAt && entry.id > latest.id)) latest = entry;
  }
  return latest;
}
