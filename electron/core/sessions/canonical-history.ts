// A request's history as units and chained hashes, computed as a left fold over its messages. Every request re-sends
// the history of the one before it, so the fold resumes from that request's result when this one repeats all of its
// messages: only the messages added are normalized and hashed (`history-cache.ts` finds the earlier request).
// Resuming only after *all* of the earlier messages keeps it exact: a message can still change the draft before it
// (adjacent assistant texts merge), so the drafts of a request are the fold's state after its last message only.

import type { Message } from '../../../shared/normalized';
import {
  appendIfPresent,
  draftsOf,
  isInstruction,
  runHash,
  textOf,
  unitOf,
  type Draft,
  type Unit,
} from './canonical-units';
import { Hasher, type Hash } from './hash128';
import { CHAIN_ROOT, chainHash } from './history-chain';

export interface CanonicalConversation {
  /** Identity of the leading system/developer messages; kept out of the chain so a replaced system prompt
   * (Aider modes, compaction) does not hide the history that follows it. */
  instructionsHash: Hash;
  units: Unit[];
  hasAssistant: boolean;
  hasToolResults: boolean;
  /** Texts of the user units before the first assistant or tool unit: a sub-agent prompt or a summary lives here. */
  leadingUserTexts: string[];
  lastUserText?: string;
  /** Maximal runs of assistant units: `end` is the number of units up to and including the run. */
  assistantRuns: Array<{ end: number; hash: Hash }>;
}

/** The fold's result, with what a later request needs to resume it. */
export interface CanonicalHistory extends CanonicalConversation {
  messages: readonly Message[];
  /** The state the chain starts from (a previous response's, for `previous_response_id` requests). */
  base: Hash;
  /** Chained hashes: `chain[i]` is the identity of `units[0..i]` after `base`. */
  chain: Hash[];
  /** Number of leading instruction messages. */
  start: number;
  /** The fold's state after the last message. */
  drafts: Draft[];
  /** Index of the first unit that is not a user unit (units.length when all are). */
  leadingEnd: number;
  lastUser: number;
  /** Units computed rather than taken over from the history it resumed: the cost of the fold. */
  computedUnits: number;
}

const INSTRUCTIONS = 0x737973;

/** Canonical history of `messages`; `earlier` is a history whose messages all equal the first ones of these. */
export function canonicalizeHistory(
  messages: readonly Message[],
  base: Hash = CHAIN_ROOT,
  earlier?: CanonicalHistory,
): CanonicalHistory {
  const from = earlier && resumePoint(earlier, base);
  return from === undefined ? fold(messages, base) : fold(messages, base, earlier, from);
}

/** Where a resumed fold must start computing units; undefined when resuming would not pay or not be exact. */
function resumePoint(history: CanonicalHistory, base: Hash): number | undefined {
  if (history.base !== base || history.messages.length <= history.start) return undefined;
  // The next message may merge into the last draft (adjacent assistant texts), and extend the run that ends it.
  let from = Math.max(history.drafts.length - 1, 0);
  if (history.units[from]?.role === 'a') while (from > 0 && history.units[from - 1].role === 'a') from--;
  // Leading user texts come from the first units: recomputing them costs little, taking them over is error-prone.
  return from > history.leadingEnd ? from : undefined;
}

function fold(messages: readonly Message[], base: Hash, earlier?: CanonicalHistory, from = 0): CanonicalHistory {
  let start: number;
  let instructionsHash: Hash;
  let drafts: Draft[];
  if (earlier) {
    start = earlier.start;
    instructionsHash = earlier.instructionsHash;
    drafts = earlier.drafts.slice();
  } else {
    const instructions = new Hasher(INSTRUCTIONS);
    for (start = 0; start < messages.length && isInstruction(messages[start]); start++) {
      for (const part of messages[start].parts) appendIfPresent(instructions, part);
    }
    instructionsHash = instructions.digest();
    drafts = [];
  }
  for (let i = earlier ? earlier.messages.length : start; i < messages.length; i++) draftsOf(messages[i], drafts);

  const units = earlier ? earlier.units.slice(0, from) : [];
  const chain = earlier ? earlier.chain.slice(0, from) : [];
  const assistantRuns = earlier ? earlier.assistantRuns.slice(0, runsEndingBy(earlier.assistantRuns, from)) : [];
  const leadingUserTexts = earlier ? earlier.leadingUserTexts : [];
  let leadingEnd = earlier ? earlier.leadingEnd : drafts.length;
  let lastUser = earlier && earlier.lastUser < from ? earlier.lastUser : -1;
  let previous = chain.length > 0 ? chain[chain.length - 1] : base;
  // The recomputed units of an earlier history keep their roles, so its tool results are still there.
  let hasToolResults = earlier?.hasToolResults ?? false;
  let runStart = -1;
  for (let i = from; i < drafts.length; i++) {
    const draft = drafts[i];
    if (draft.role === 't') hasToolResults = true;
    const unit = unitOf(draft);
    units.push(unit);
    previous = chainHash(previous, unit.hash);
    chain.push(previous);
    if (draft.role !== 'u' && leadingEnd > i) leadingEnd = i;
    if (draft.role === 'u' && draft.raw !== undefined) {
      if (leadingEnd > i) leadingUserTexts.push(textOf(draft));
      lastUser = i;
    }
    if (draft.role === 'a' && runStart < 0) runStart = i;
    if (draft.role === 'a' && (i + 1 === drafts.length || drafts[i + 1].role !== 'a')) {
      assistantRuns.push({ end: i + 1, hash: runHash(units.slice(runStart, i + 1)) });
      runStart = -1;
    }
  }
  return {
    messages,
    base,
    chain,
    start,
    drafts,
    leadingEnd,
    lastUser,
    computedUnits: drafts.length - from,
    instructionsHash,
    units,
    hasAssistant: assistantRuns.length > 0,
    hasToolResults,
    leadingUserTexts,
    lastUserText: lastUser >= 0 ? textOf(drafts[lastUser]) : undefined,
    assistantRuns,
  };
}

/** How many of the runs (ordered by end) end at or before `from`; counted from the last, the ones that do not. */
function runsEndingBy(runs: CanonicalConversation['assistantRuns'], from: number): number {
  let n = runs.length;
  while (n > 0 && runs[n - 1].end > from) n--;
  return n;
}

/** Units of a history on its own, from the chain root. */
export function canonicalizeMessages(messages: readonly Message[]): CanonicalConversation {
  return canonicalizeHistory(messages);
}
