// What an answer adds to the index once it is known: the state the next turn will start from, the answer itself
// (for clients that rewrite the history around it), its response id (previous_response_id chaining), the prompts
// of its tool calls (sub-agents), and, for summarization requests, the lines of the summary (continuations).

import type { Message, NormalizedResponse } from '../../../shared/normalized';
import { canonicalizeOutput, normalizeText, runHash } from './canonical-units';
import { parseArguments } from './content-hash';
import { chainEnd, promptHash } from './history-chain';
import { isFailedOutcome, type ResponseOutcome } from './recon-interaction';
import { runsConflict } from './session-hints';
import { revise, sessionOf, type InteractionEntry, type SessionIndexState } from './session-index';
import { summaryLineHashes } from './summary-lines';

/** Shorter strings are names, paths and flags, not prompts. */
const MIN_PROMPT = 12;

export function registerResponseIn(
  state: SessionIndexState,
  id: string,
  response: NormalizedResponse | undefined,
  outcome: ResponseOutcome,
): void {
  const entry = state.entries.get(id);
  // Unknown ids and second reports are ignored: a duplicate "completed" event must not change anything.
  if (!entry || entry.responded) return;
  state.counters.responses++;
  entry.responded = true;
  entry.failed = isFailedOutcome(response, outcome);
  if (!response || entry.failed) return;
  // The entry's own id: the caller's may be another copy of the same string (another copy of the record).
  if (response.id) state.byResponseId.set(response.id, entry.id);
  response.outputs.forEach((message) => {
    const units = canonicalizeOutput(message);
    const after = chainEnd(entry.chainEnd, units);
    entry.afterHash ??= after;
    state.byAfter.add(after, entry.id);
    if (units.length > 0) state.byAnswer.add(runHash(units), entry.id);
    indexToolPrompts(state, entry, message);
    if (entry.asksSummary) indexSummary(state, entry, message);
  });
}

function indexToolPrompts(state: SessionIndexState, entry: InteractionEntry, message: Message): void {
  for (const part of message.parts) {
    if (part.type !== 'tool-call') continue;
    const args = parseArguments(part.arguments);
    const values = typeof args === 'string' ? [args] : args && typeof args === 'object' ? Object.values(args) : [];
    for (const value of values) {
      if (typeof value !== 'string') continue;
      const text = normalizeText(value);
      if (text.length < MIN_PROMPT) continue;
      const hash = promptHash(text);
      const prompt = { interactionId: entry.id, toolCallId: part.id };
      state.byPrompt.add(hash, prompt);
      claimOrphan(state, entry, hash, prompt);
    }
  }
}

/**
 * A sub-agent may start before its parent's answer is registered (streamed tool calls run early, or a capture
 * arrives out of order): it was placed as a plain start and is linked now.
 */
function claimOrphan(
  state: SessionIndexState,
  parent: InteractionEntry,
  hash: string,
  prompt: { interactionId: string; toolCallId?: string; claimedBy?: string },
): void {
  for (const orphanId of state.orphanStarts.get(hash)) {
    const orphan = state.entries.get(orphanId);
    if (!orphan || orphan.link || orphan.kind !== 'start') continue;
    if (orphan.startedAt < parent.startedAt || orphan.sessionId === parent.sessionId) continue;
    if (orphan.clientKey && parent.clientKey && orphan.clientKey !== parent.clientKey) continue;
    if (runsConflict(orphan.runs, parent.runs)) continue;
    prompt.claimedBy = orphanId;
    const session = sessionOf(state, orphan.sessionId);
    if (session) session.primary = false;
    for (const leading of orphan.leadingHashes) state.orphanStarts.remove(leading, orphanId);
    revise(state, orphan, {
      ...orphan.placement,
      link: {
        parentSessionId: parent.sessionId,
        relation: 'subagent',
        viaInteractionId: parent.id,
        ...(prompt.toolCallId ? { toolCallId: prompt.toolCallId } : {}),
      },
    });
    return;
  }
}

function indexSummary(state: SessionIndexState, entry: InteractionEntry, message: Message): void {
  const lines = summaryLineHashes(message.parts);
  entry.summaryLines += lines.length;
  for (const line of lines) state.bySummaryLine.add(line, entry.id);
}
