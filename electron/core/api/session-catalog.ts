// The sessions as the UI reads them, kept in memory and updated as interactions are captured: one small StoredTurn
// per interaction (ids, placement, timings, state, model, usage, cost; no messages), the session membership, and
// the links that nest sub-agents and side calls under their session. A turn's content (its new messages, its
// answer) stays in the store and is read when a session is opened (turn-loader.ts), so memory grows with the
// number of interactions, not with what they said.
// Why here and not in the store: these queries run on top of listInteractions at start and the live events after.
// A store-level index (sessions table) can replace it behind the same methods.

import type { SessionRow, TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement, SessionRelation } from '../../../shared/session';
import type { HistoryMark } from '../../../shared/turn-delta';
import { addUsage } from '../export/session-groups';
import { firstUserText, generatedTitle } from '../export/session-title';
import type { PriceTable } from './price-table';
import { createTurnPacker, type StoredTurn } from './stored-turn';
import { ownCopy } from './own-copy';
import { buildTurnMeta, contentOf, digestKey, turnView, type TurnMeta } from './turn-view';

// A class, so that every session has the same compact shape from the start instead of growing a property store as
// its link and title arrive.
class SessionState {
  turnIds: string[] = [];
  link: Placement['link'] | undefined = undefined;
  /** The turn the first user text came from (its start decides whether an earlier turn's text replaces it). */
  firstTextTurn: string | undefined = undefined;
  firstText: string | undefined = undefined;
  generatedTitle: string | undefined = undefined;

  constructor(readonly id: string) {}
}

export interface CatalogTurn {
  meta: TurnMeta;
  childSessions: TurnView['childSessions'];
}

const LIVE_STATES = new Set(['pending', 'streaming']);

export function createSessionCatalog(prices: PriceTable) {
  const turns = new Map<string, StoredTurn>();
  const sessions = new Map<string, SessionState>();
  const childrenOf = new Map<string, Set<string>>();
  // Text streamed so far, for interactions still streaming only; dropped when they complete.
  const streaming = new Map<string, string>();
  const packer = createTurnPacker();
  // Every provider, model and client seen: the list's filter choices, without building every row to find them.
  const facets = { providers: new Set<string>(), models: new Set<string>(), clients: new Set<string>() };

  const sessionOf = (id: string): SessionState => {
    let session = sessions.get(id);
    if (!session) {
      session = new SessionState(ownCopy(id));
      sessions.set(session.id, session);
    }
    return session;
  };

  const startOf = (id: string) => turns.get(id)?.startedAt ?? 0;

  function insertSorted(list: string[], id: string): string[] {
    const at = startOf(id);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = list[mid];
      if (startOf(other) < at || (startOf(other) === at && other < id)) lo = mid + 1;
      else hi = mid;
    }
    // A fresh one-element array for the first turn: most sessions of one-off calls never get a second, and an
    // array grown by splice reserves room for sixteen.
    if (list.length === 0) return [id];
    list.splice(lo, 0, id);
    return list;
  }

  function setLink(session: SessionState, link: Placement['link'] | undefined): void {
    if (!link || session.link?.parentSessionId === link.parentSessionId) {
      if (link) session.link = link;
      return;
    }
    if (session.link) childrenOf.get(session.link.parentSessionId)?.delete(session.id);
    session.link = link;
    if (link.parentSessionId === session.id) return;
    let set = childrenOf.get(link.parentSessionId);
    if (!set) childrenOf.set(link.parentSessionId, (set = new Set()));
    set.add(session.id);
  }

  function detach(id: string): string | undefined {
    const existing = turns.get(id);
    if (!existing) return undefined;
    const old = sessions.get(existing.sessionId);
    if (old) {
      const index = old.turnIds.indexOf(id);
      if (index >= 0) old.turnIds.splice(index, 1);
    }
    return existing.sessionId;
  }

  /** Packs a turn, pointing at the session's and the parent's own id strings rather than copies of them. */
  function store(meta: TurnMeta, mark: HistoryMark, outputCount: number, session: SessionState): StoredTurn {
    meta.sessionId = session.id;
    // The first turn of a session has the session's id: one string for both.
    meta.id = meta.id === session.id ? session.id : ownCopy(meta.id);
    if (meta.parentId) meta.parentId = turns.get(meta.parentId)?.id ?? meta.parentId;
    const turn = packer.pack(meta, mark, outputCount);
    turns.set(turn.id, turn);
    return turn;
  }

  /** Adds or replaces an interaction. Returns its whole turn (for the live message) and the sessions it touched. */
  function ingest(record: InteractionRecord, streamedText?: string): { turn: TurnView; touched: string[] } {
    const previousSession = detach(record.id);
    const parentId = record.placement?.parentId;
    const built = buildTurnMeta(record, parentId ? turns.get(parentId)?.mark : undefined, prices, digestKey);
    const session = sessionOf(built.meta.sessionId);
    const outputCount = record.parsed.response?.outputs.length ?? 0;
    const stored = store(built.meta, built.mark, outputCount, session);
    const meta = built.meta;
    const { profile } = stored;
    facets.providers.add(profile.provider);
    if (profile.model) facets.models.add(profile.model);
    if (profile.client) facets.clients.add(profile.client);
    if (streamedText !== undefined) streaming.set(stored.id, streamedText);
    else streaming.delete(stored.id);
    session.turnIds = insertSorted(session.turnIds, stored.id);
    setLink(session, record.placement?.link);
    const text = firstUserText([record]);
    if (text && (session.firstTextTurn === undefined || meta.startedAt < startOf(session.firstTextTurn))) {
      session.firstTextTurn = stored.id;
      session.firstText = ownCopy(text);
    }
    if (session.link?.relation === 'side') {
      const title = generatedTitle([record]);
      const parent = title ? sessionOf(session.link.parentSessionId) : undefined;
      if (parent && title && !parent.generatedTitle) parent.generatedTitle = ownCopy(title);
    }
    const touched = [session.id];
    if (previousSession && previousSession !== session.id) touched.push(previousSession);
    const content = contentOf(record, meta.newFrom);
    return { turn: turnView(meta, streamedText !== undefined ? { ...content, streamedText } : content), touched };
  }

  /** Moves an interaction to a new placement. Its content is not here: the caller reads it for the live message. */
  function revise(id: string, placement: Placement): { meta: TurnMeta; touched: string[] } | undefined {
    const existing = turns.get(id);
    if (!existing) return undefined;
    const previousSession = detach(id);
    const session = sessionOf(placement.sessionId);
    const meta: TurnMeta = { ...existing.meta(), sessionId: session.id, parentId: placement.parentId, kind: placement.kind };
    if (placement.link) meta.link = placement.link;
    else delete meta.link;
    store(meta, existing.mark, existing.outputCount, session);
    session.turnIds = insertSorted(session.turnIds, id);
    setLink(session, placement.link);
    const touched = [session.id];
    if (previousSession && previousSession !== session.id) touched.push(previousSession);
    return { meta, touched };
  }

  function progress(id: string, textDelta: string): TurnMeta | undefined {
    const turn = turns.get(id);
    if (!turn) return undefined;
    streaming.set(id, (streaming.get(id) ?? '') + textDelta);
    if (turn.profile.state === 'pending') packer.withState(turn, 'streaming');
    return turn.meta();
  }

  function rootOf(sessionId: string): string {
    const seen = new Set<string>();
    let id = sessionId;
    for (;;) {
      seen.add(id);
      const parent = sessions.get(id)?.link?.parentSessionId;
      if (!parent || seen.has(parent) || !sessions.has(parent)) return id;
      id = parent;
    }
  }

  // Built on each request rather than cached: a cached row per session costs more memory than building it costs time.
  function row(sessionId: string, seen = new Set<string>()): SessionRow {
    const session = sessionOf(sessionId);
    seen.add(sessionId);
    // Read from the stored turns directly: a list page builds many rows, and a whole TurnMeta per turn is not needed.
    const list = session.turnIds.map((id) => turns.get(id)!);
    const models = new Set<string>();
    const providers = new Set<string>();
    const clients = new Set<string>();
    let usage = {};
    let cost: number | null = null;
    let inFlight = 0;
    let errors = 0;
    let last = 0;
    for (const turn of list) {
      const { profile } = turn;
      if (profile.model) models.add(profile.model);
      providers.add(profile.provider);
      if (profile.client) clients.add(profile.client);
      usage = addUsage(usage, turn.usage);
      if (turn.costUsd !== undefined) cost = (cost ?? 0) + turn.costUsd;
      if (LIVE_STATES.has(profile.state)) inFlight++;
      if (profile.state === 'error' || profile.state === 'aborted' || (profile.status ?? 0) >= 400) errors++;
      last = Math.max(last, turn.endedAt ?? turn.startedAt);
    }
    const children = [...(childrenOf.get(sessionId) ?? [])]
      .filter((id) => !seen.has(id) && sessions.get(id)!.turnIds.length > 0)
      .map((id) => row(id, seen))
      .sort((a, b) => a.startedAt - b.startedAt);
    const startedAt = list[0]?.startedAt ?? 0;
    return {
      id: sessionId,
      title: session.generatedTitle ?? session.firstText ?? (list[0] ? `${list[0].profile.method} ${list[0].profile.url}` : 'Empty session'),
      parentSessionId: session.link?.parentSessionId ?? null,
      relation: (session.link?.relation ?? null) as SessionRelation | null,
      ...(session.link?.viaInteractionId ? { viaInteractionId: session.link.viaInteractionId } : {}),
      startedAt,
      lastActivityAt: Math.max(last, ...children.map((c) => c.lastActivityAt)),
      durationMs: last - startedAt,
      turns: list.length,
      models: [...models],
      providers: [...providers],
      clients: [...clients],
      usage,
      costUsd: cost,
      inFlight,
      errors,
      children,
    };
  }

  /** Every session in a root's subtree, the root first. */
  function subtree(rootId: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      out.push(id);
      for (const child of childrenOf.get(id) ?? []) visit(child);
    };
    visit(rootId);
    return out;
  }

  return {
    ingest,
    revise,
    progress,
    row,
    rootOf,
    hasSession: (id: string) => (sessions.get(id)?.turnIds.length ?? 0) > 0,
    turn: (id: string) => turns.get(id)?.meta(),
    /** Text streamed so far by an interaction still streaming. */
    streamedText: (id: string) => streaming.get(id),
    /** A session's turns in start order, each with the sessions it started. */
    sessionTurns(sessionId: string): CatalogTurn[] {
      const session = sessions.get(sessionId);
      if (!session) return [];
      const started = new Map<string, TurnView['childSessions']>();
      for (const childId of childrenOf.get(sessionId) ?? []) {
        const child = sessions.get(childId);
        const via = child?.link?.viaInteractionId;
        if (!child || !via || child.turnIds.length === 0) continue;
        const list = started.get(via) ?? [];
        list.push({ sessionId: childId, relation: child.link!.relation, toolCallId: child.link!.toolCallId, title: row(childId).title });
        started.set(via, list);
      }
      return session.turnIds.map((id) => ({ meta: turns.get(id)!.meta(), childSessions: started.get(id) ?? [] }));
    },
    /** Ids of sessions nobody else nests (the list's top level). */
    rootIds(): string[] {
      const out: string[] = [];
      for (const session of sessions.values()) {
        if (session.turnIds.length > 0 && rootOf(session.id) === session.id) out.push(session.id);
      }
      return out;
    },
    subtree,
    turnIdsOf: (sessionId: string) => sessions.get(sessionId)?.turnIds ?? [],
    sessionCount: () => sessions.size,
    /** A root's row's `lastActivityAt`, without building the row. */
    lastActivityOf(rootId: string): number {
      let last = 0;
      for (const id of subtree(rootId)) {
        for (const turnId of sessions.get(id)?.turnIds ?? []) {
          const turn = turns.get(turnId)!;
          last = Math.max(last, turn.endedAt ?? turn.startedAt);
        }
      }
      return last;
    },
    facets: () => ({ providers: [...facets.providers].sort(), models: [...facets.models].sort(), clients: [...facets.clients].sort() }),
  };
}

export type SessionCatalog = ReturnType<typeof createSessionCatalog>;
