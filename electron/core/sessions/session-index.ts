// The reconstruction state: everything placement needs, reachable by hash in O(1). It holds no message bodies,
// only hashes of normalized histories, the answers seen, tool-call prompts and summaries, plus where each
// interaction was placed. Placements may be revised later (a late sub-agent link, a side call someone continued);
// revisions are collected for the live pipeline to pick up.

import type { NormalizedResponse } from '../../../shared/normalized';
import type { InteractionKind, Placement } from '../../../shared/session';
import { BoundedMultiMap } from './bounded-multimap';
import type { Hash } from './hash128';
import { HistoryCache } from './history-cache';
import type { ResponseOutcome } from './recon-interaction';
import { registerResponseIn } from './register-response';

export interface InteractionEntry {
  id: string;
  startedAt: number;
  endedAt?: number;
  clientKey?: string;
  runs: string[];
  conversationHint?: string;
  instructionsHash: Hash;
  hasTools: boolean;
  /** Chain hash of the whole request history (from the previous response's state when chained by id). */
  chainEnd: Hash;
  /** Identity of the exact body: a repeat of it is a retry or a regeneration. */
  requestKey: Hash;
  /** The request asked for a summary, so its answer may open a continuation session. */
  asksSummary: boolean;
  sessionId: string;
  parentId: string | null;
  kind: InteractionKind;
  /** Turns and branches that continue this interaction's answer. */
  continuations: number;
  responded: boolean;
  failed: boolean;
  /** Chain hash of history + answer: what the next turn's history starts with. */
  afterHash?: Hash;
  /** How many summary lines of its answer were indexed (continuation detection needs a share of them). */
  summaryLines: number;
  /** Hashes of the leading user texts of a session start: a tool call registered later may claim it. */
  leadingHashes: Hash[];
}

export interface SessionEntry {
  id: string;
  /** A conversation a person drives (not a sub-agent or side call): side calls attach to these. */
  primary: boolean;
  tipId: string;
  tipStartedAt: number;
  conversationHint?: string;
}

export interface PromptEntry {
  interactionId: string;
  toolCallId?: string;
  claimedBy?: string;
}

export interface IndexCounters {
  /** Hash-table lookups made while placing; the cost measure that must not grow with the store. */
  lookups: number;
  /** Units normalized and hashed while placing; must grow with what requests add, not with their history. */
  unitsComputed: number;
  placed: number;
  responses: number;
}

export interface SessionIndexState {
  counters: IndexCounters;
  entries: Map<string, InteractionEntry>;
  sessions: Map<string, SessionEntry>;
  placements: Map<string, Placement>;
  revised: Set<string>;
  byAfter: BoundedMultiMap<string>;
  byRequestEnd: BoundedMultiMap<string>;
  byRequestKey: BoundedMultiMap<string>;
  byAnswer: BoundedMultiMap<string>;
  byResponseId: Map<string, string>;
  byPrompt: BoundedMultiMap<PromptEntry>;
  bySummaryLine: BoundedMultiMap<string>;
  orphanStarts: BoundedMultiMap<string>;
  pendingSides: BoundedMultiMap<string>;
  latestPrimary: Map<string, string>;
  conversationSessions: Map<string, string>;
  histories: HistoryCache;
}

export interface SessionIndex {
  readonly state: SessionIndexState;
  readonly counters: Readonly<IndexCounters>;
  /** Live mode: the answer of an interaction placed at request time has completed (or failed). */
  registerResponse(id: string, response: NormalizedResponse | undefined, outcome?: ResponseOutcome): void;
  getPlacement(id: string): Placement | undefined;
  /** Earlier placements changed by what arrived since the last call; the caller persists them. */
  takeRevisions(): Array<{ id: string; placement: Placement }>;
}

export function createSessionIndex(): SessionIndex {
  const counters: IndexCounters = { lookups: 0, unitsComputed: 0, placed: 0, responses: 0 };
  const count = () => {
    counters.lookups++;
  };
  const state: SessionIndexState = {
    counters,
    entries: new Map(),
    sessions: new Map(),
    placements: new Map(),
    revised: new Set(),
    byAfter: new BoundedMultiMap(count),
    byRequestEnd: new BoundedMultiMap(count),
    byRequestKey: new BoundedMultiMap(count),
    byAnswer: new BoundedMultiMap(count),
    byResponseId: new Map(),
    byPrompt: new BoundedMultiMap(count),
    bySummaryLine: new BoundedMultiMap(count, 4),
    orphanStarts: new BoundedMultiMap(count),
    pendingSides: new BoundedMultiMap(count, 64),
    latestPrimary: new Map(),
    conversationSessions: new Map(),
    histories: new HistoryCache(),
  };
  return {
    state,
    counters,
    registerResponse: (id, response, outcome = {}) => registerResponseIn(state, id, response, outcome),
    getPlacement: (id) => state.placements.get(id),
    takeRevisions: () => {
      const out = [...state.revised].map((id) => ({ id, placement: state.placements.get(id)! }));
      state.revised.clear();
      return out;
    },
  };
}

/** Lookup in a plain map, counted like the others. */
export function lookup<T>(state: SessionIndexState, map: Map<string, T>, key: string): T | undefined {
  state.counters.lookups++;
  return map.get(key);
}

/** Where side calls of a client look for the session they serve: its run ids first, then the client itself. */
export function scopesOf(entry: Pick<InteractionEntry, 'runs' | 'clientKey'>): string[] {
  const scopes = entry.runs.map((run) => `run:${run}`);
  if (entry.clientKey) scopes.push(`client:${entry.clientKey}`);
  return scopes;
}

export function revise(state: SessionIndexState, id: string, placement: Placement): void {
  const entry = state.entries.get(id);
  if (entry) {
    entry.kind = placement.kind;
    entry.parentId = placement.parentId;
  }
  state.placements.set(id, placement);
  state.revised.add(id);
}
