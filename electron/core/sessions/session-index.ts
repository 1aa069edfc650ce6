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

const RESPONDED = 1;
const FAILED = 2;
const HAS_TOOLS = 4;
const ASKS_SUMMARY = 8;
const PRIMARY = 16;
/** The session's first interaction: its id is the session id, and it holds the session. */
const HEAD = 32;
/** Bits above the flags count continuations. */
const COUNT_SHIFT = 6;
const FLAG_BITS = (1 << COUNT_SHIFT) - 1;

/** Shared by every entry without run ids or leading texts: an empty array per entry would cost 32 bytes each. */
export const NONE: readonly string[] = Object.freeze([]);

/**
 * One interaction, and for the first interaction of a session (whose id is the session id) the session too: the
 * index holds one of these per stored interaction for the life of a `serve` process, so it has one fixed shape
 * (every field set in the constructor, in this order), its flags share one small integer, its strings are shared
 * with the other entries and maps holding the same value, and its placement is derived from it, not stored twice.
 */
export class InteractionEntry {
  readonly id: string;
  readonly startedAt: number;
  readonly clientKey: string | undefined;
  readonly runs: readonly string[];
  readonly conversationHint: string | undefined;
  readonly instructionsHash: Hash;
  /** Chain hash of the whole request history (from the previous response's state when chained by id). */
  readonly chainEnd: Hash;
  /** Chain hash of history + answer: what the next turn's history starts with. */
  afterHash: Hash | undefined;
  /** The session's first interaction, or for that one its session's latest interaction (`tip`). */
  private session: InteractionEntry;
  parentId: string | null;
  kind: InteractionKind;
  link: Placement['link'];
  /** The booleans below, and above them the count of continuations. */
  private flags: number;
  /** How many summary lines of its answer were indexed (continuation detection needs a share of them). */
  summaryLines = 0;
  /** Hashes of the leading user texts of a session start: a tool call registered later may claim it. */
  leadingHashes: readonly Hash[] = NONE;
  /** Session's first interaction only: the conversation id that names the session. */
  sessionHint: string | undefined = undefined;

  constructor(
    id: string,
    startedAt: number,
    clientKey: string | undefined,
    runs: readonly string[],
    conversationHint: string | undefined,
    instructionsHash: Hash,
    chainEnd: Hash,
    hasTools: boolean,
    asksSummary: boolean,
    placement: Pick<Placement, 'parentId' | 'kind' | 'link'>,
    /** The first interaction of its session; undefined when this one opens the session. */
    head: InteractionEntry | undefined,
  ) {
    this.id = id;
    this.startedAt = startedAt;
    this.clientKey = clientKey;
    this.runs = runs;
    this.conversationHint = conversationHint;
    this.instructionsHash = instructionsHash;
    this.chainEnd = chainEnd;
    this.afterHash = undefined;
    this.session = head ?? this;
    this.parentId = placement.parentId;
    this.kind = placement.kind;
    this.link = placement.link;
    this.flags = (hasTools ? HAS_TOOLS : 0) | (asksSummary ? ASKS_SUMMARY : 0) | (head ? 0 : HEAD);
  }

  get sessionId(): string {
    return this.flags & HEAD ? this.id : this.session.id;
  }

  /** Set on the session's first interaction only (its id is the session id): the latest interaction of the session. */
  get tip(): InteractionEntry | undefined {
    return this.flags & HEAD ? this.session : undefined;
  }

  set tip(entry: InteractionEntry) {
    if (!(this.flags & HEAD)) throw new Error(`${this.id} does not open a session`);
    this.session = entry;
  }

  /** Turns and branches that continue this interaction's answer. */
  get continuations(): number {
    return this.flags >> COUNT_SHIFT;
  }

  set continuations(value: number) {
    this.flags = (this.flags & FLAG_BITS) | (value << COUNT_SHIFT);
  }

  get hasTools(): boolean {
    return (this.flags & HAS_TOOLS) !== 0;
  }

  /** The request asked for a summary, so its answer may open a continuation session. */
  get asksSummary(): boolean {
    return (this.flags & ASKS_SUMMARY) !== 0;
  }

  get responded(): boolean {
    return (this.flags & RESPONDED) !== 0;
  }

  set responded(value: boolean) {
    this.flags = value ? this.flags | RESPONDED : this.flags & ~RESPONDED;
  }

  get failed(): boolean {
    return (this.flags & FAILED) !== 0;
  }

  set failed(value: boolean) {
    this.flags = value ? this.flags | FAILED : this.flags & ~FAILED;
  }

  /** Session: a conversation a person drives (not a sub-agent or side call): side calls attach to these. */
  get primary(): boolean {
    return (this.flags & PRIMARY) !== 0;
  }

  set primary(value: boolean) {
    this.flags = value ? this.flags | PRIMARY : this.flags & ~PRIMARY;
  }

  get placement(): Placement {
    const placement: Placement = { sessionId: this.sessionId, parentId: this.parentId, kind: this.kind };
    if (this.link) placement.link = this.link;
    return placement;
  }
}

/** A session, reached through its first interaction. */
export type SessionEntry = InteractionEntry & { tip: InteractionEntry };

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
  /** Every placed interaction by id; a session is its first interaction's entry (`sessionOf`). */
  entries: Map<string, InteractionEntry>;
  sessionCount: number;
  /** One instance per distinct client key, run list, instructions hash and conversation id (`share`). */
  shared: SharedValues;
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
    sessionCount: 0,
    shared: new SharedValues(),
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
    getPlacement: (id) => state.entries.get(id)?.placement,
    takeRevisions: () => {
      const out = [...state.revised].map((id) => ({ id, placement: state.entries.get(id)!.placement }));
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
export function scopesOf(entry: { runs: readonly string[]; clientKey?: string }): string[] {
  const scopes = entry.runs.map((run) => `run:${run}`);
  if (entry.clientKey) scopes.push(`client:${entry.clientKey}`);
  return scopes;
}

/** The session whose id is `sessionId`: its first interaction. */
export function sessionOf(state: SessionIndexState, sessionId: string): SessionEntry | undefined {
  const head = state.entries.get(sessionId);
  return head?.tip ? (head as SessionEntry) : undefined;
}

/** Revisions never move an interaction to another session, only change its parent, kind or link. */
export function revise(state: SessionIndexState, entry: InteractionEntry, placement: Placement): void {
  entry.parentId = placement.parentId;
  entry.kind = placement.kind;
  entry.link = placement.link;
  state.revised.add(entry.id);
}

/** Low-cardinality values (client keys, run lists, instruction hashes, conversation ids) kept once per value. */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  /** Bounded so a workload where every value is distinct costs nothing; forgetting only costs a duplicate. */
  constructor(private readonly limit = 4096) {}

  string<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  list(values: readonly string[]): readonly string[] {
    if (values.length === 0) return NONE;
    const key = values.join('\u0000');
    const known = this.lists.get(key);
    if (known !== undefined && known.length === values.length && known.every((value, i) => value === values[i])) return known;
    if (this.lists.size >= this.limit) this.lists.clear();
    const list = Object.freeze(values.map((value) => this.string(value)));
    this.lists.set(key, list);
    return list;
  }
}
