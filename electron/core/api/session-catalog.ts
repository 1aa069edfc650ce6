// The sessions as the UI reads them, kept in memory and updated as interactions are captured: a few column entries
// per interaction (ids, placement, timings, state, model, usage, cost; no messages: turn-columns.ts), the session
// membership (session-columns.ts), and the links that nest sub-agents and side calls under their session. A turn's
// content (its new messages, its answer) stays in the store and is read when a session is opened (turn-loader.ts),
// so memory grows with the number of interactions, not with what they said.
// Why here and not in the store: these queries run on top of listInteractions at start and the live events after.
// A store-level index (sessions table) can replace it behind the same methods.

import type { SessionRow, TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement, SessionRelation } from '../../../shared/session';
import type { HistoryMark } from '../../../shared/turn-delta';
import { addUsage } from '../export/session-groups';
import { firstUserText, generatedTitle } from '../export/session-title';
import type { PriceTable } from './price-table';
import { IdSlots } from './id-slots';
import { ownCopy } from './own-copy';
import { SessionColumns } from './session-columns';
import { TurnColumns } from './turn-columns';
import { buildTurnMeta, contentOf, digestKey, turnView, type TurnMeta } from './turn-view';

export interface CatalogTurn {
  meta: TurnMeta;
  childSessions: TurnView['childSessions'];
}

const LIVE_STATES = new Set(['pending', 'streaming']);

export function createSessionCatalog(prices: PriceTable) {
  // Turns and sessions are kept by their id's number; an id that names both (a session's first turn) has one.
  const slots = new IdSlots();
  const turns = new TurnColumns();
  const sessions = new SessionColumns();
  const childrenOf = new Map<string, Set<string>>();
  // Text streamed so far, for interactions still streaming only; dropped when they complete.
  const streaming = new Map<string, string>();
  // Every provider, model and client seen: the list's filter choices, without building every row to find them.
  const facets = { providers: new Set<string>(), models: new Set<string>(), clients: new Set<string>() };
  const idOf = (slot: number) => slots.idOf(slot);

  /** The session's number, the session created if it is new. */
  const sessionOf = (id: string): number => {
    const slot = slots.slotOf(id);
    sessions.create(slot);
    return slot;
  };

  /** The number of an existing session, else undefined. */
  const findSession = (id: string): number | undefined => {
    const slot = slots.find(id);
    return slot !== undefined && sessions.exists(slot) ? slot : undefined;
  };

  /** The number of an existing turn, else undefined. */
  const findTurn = (id: string): number | undefined => {
    const slot = slots.find(id);
    return slot !== undefined && turns.has(slot) ? slot : undefined;
  };

  const linkOf = (sessionId: string) => {
    const slot = findSession(sessionId);
    return slot === undefined ? undefined : sessions.links.get(slot);
  };

  function insertSorted(list: number[], turn: number): number[] {
    const at = turns.startedAt(turn);
    const id = idOf(turn);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = turns.startedAt(list[mid]);
      if (other < at || (other === at && idOf(list[mid]) < id)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, turn);
    return list;
  }

  function setLink(session: number, link: Placement['link'] | undefined): void {
    const current = sessions.links.get(session);
    if (!link || current?.parentSessionId === link.parentSessionId) {
      if (link) sessions.links.set(session, link);
      return;
    }
    const id = idOf(session);
    if (current) childrenOf.get(current.parentSessionId)?.delete(id);
    sessions.links.set(session, link);
    if (link.parentSessionId === id) return;
    let set = childrenOf.get(link.parentSessionId);
    if (!set) childrenOf.set(link.parentSessionId, (set = new Set()));
    set.add(id);
  }

  /** Takes a turn out of its session; returns that session's id. */
  function detach(id: string): string | undefined {
    const turn = findTurn(id);
    if (turn === undefined) return undefined;
    const session = turns.sessionSlot(turn);
    sessions.setTurns(session, sessions.turns(session).filter((t) => t !== turn));
    return idOf(session);
  }

  function store(meta: TurnMeta, mark: HistoryMark, outputCount: number, session: number): number {
    const turn = slots.slotOf(meta.id);
    turns.put(turn, meta, mark, outputCount, session, meta.parentId ? slots.slotOf(meta.parentId) : undefined);
    sessions.setTurns(session, insertSorted(sessions.turns(session), turn));
    return turn;
  }

  /** Adds or replaces an interaction. Returns its whole turn (for the live message) and the sessions it touched. */
  function ingest(record: InteractionRecord, streamedText?: string): { turn: TurnView; touched: string[] } {
    const previousSession = detach(record.id);
    const parentId = record.placement?.parentId;
    const parent = parentId ? findTurn(parentId) : undefined;
    const { meta, mark } = buildTurnMeta(record, parent === undefined ? undefined : turns.mark(parent), prices, digestKey);
    const session = sessionOf(meta.sessionId);
    const outputCount = record.parsed.response?.outputs.length ?? 0;
    const turn = store(meta, mark, outputCount, session);
    const profile = turns.profile(turn);
    facets.providers.add(profile.provider);
    if (profile.model) facets.models.add(profile.model);
    if (profile.client) facets.clients.add(profile.client);
    if (streamedText !== undefined) streaming.set(idOf(turn), streamedText);
    else streaming.delete(idOf(turn));
    setLink(session, record.placement?.link);
    const text = firstUserText([record]);
    const firstTextTurn = sessions.firstTextTurn(session);
    if (text && (firstTextTurn === undefined || meta.startedAt < turns.startedAt(firstTextTurn))) sessions.setFirstText(session, turn, ownCopy(text));
    const link = sessions.links.get(session);
    if (link?.relation === 'side') {
      const title = generatedTitle([record]);
      const parentSession = title ? sessionOf(link.parentSessionId) : undefined;
      if (parentSession !== undefined && title && !sessions.generatedTitles.has(parentSession)) sessions.generatedTitles.set(parentSession, ownCopy(title));
    }
    const sessionId = idOf(session);
    const touched = [sessionId];
    if (previousSession && previousSession !== sessionId) touched.push(previousSession);
    const content = contentOf(record, meta.newFrom);
    return { turn: turnView(meta, streamedText !== undefined ? { ...content, streamedText } : content), touched };
  }

  /** Moves an interaction to a new placement. Its content is not here: the caller reads it for the live message. */
  function revise(id: string, placement: Placement): { meta: TurnMeta; touched: string[] } | undefined {
    const turn = findTurn(id);
    if (turn === undefined) return undefined;
    const previousSession = detach(id);
    const session = sessionOf(placement.sessionId);
    const meta: TurnMeta = { ...turns.meta(turn, idOf), sessionId: idOf(session), parentId: placement.parentId, kind: placement.kind };
    if (placement.link) meta.link = placement.link;
    else delete meta.link;
    store(meta, turns.mark(turn), turns.outputCount(turn), session);
    setLink(session, placement.link);
    const touched = [idOf(session)];
    if (previousSession && previousSession !== idOf(session)) touched.push(previousSession);
    return { meta, touched };
  }

  function progress(id: string, textDelta: string): TurnMeta | undefined {
    const turn = findTurn(id);
    if (turn === undefined) return undefined;
    streaming.set(idOf(turn), (streaming.get(id) ?? '') + textDelta);
    if (turns.profile(turn).state === 'pending') turns.setState(turn, 'streaming');
    return turns.meta(turn, idOf);
  }

  function rootOf(sessionId: string): string {
    const seen = new Set<string>();
    let id = sessionId;
    for (;;) {
      seen.add(id);
      const parent = linkOf(id)?.parentSessionId;
      if (!parent || seen.has(parent) || findSession(parent) === undefined) return id;
      id = parent;
    }
  }

  const hasTurns = (sessionId: string) => {
    const slot = findSession(sessionId);
    return slot !== undefined && sessions.turnCount(slot) > 0;
  };

  // Built on each request rather than cached: a cached row per session costs more memory than building it costs time.
  function row(sessionId: string, seen = new Set<string>()): SessionRow {
    const session = sessionOf(sessionId);
    seen.add(sessionId);
    const list = sessions.turns(session);
    const models = new Set<string>();
    const providers = new Set<string>();
    const clients = new Set<string>();
    let usage = {};
    let cost: number | null = null;
    let inFlight = 0;
    let errors = 0;
    let last = 0;
    for (const turn of list) {
      const profile = turns.profile(turn);
      if (profile.model) models.add(profile.model);
      providers.add(profile.provider);
      if (profile.client) clients.add(profile.client);
      usage = addUsage(usage, turns.usage(turn));
      const usd = turns.costUsd(turn);
      if (usd !== undefined) cost = (cost ?? 0) + usd;
      if (LIVE_STATES.has(profile.state)) inFlight++;
      if (profile.state === 'error' || profile.state === 'aborted' || (profile.status ?? 0) >= 400) errors++;
      last = Math.max(last, turns.endedAt(turn) ?? turns.startedAt(turn));
    }
    const children = [...(childrenOf.get(sessionId) ?? [])]
      .filter((id) => !seen.has(id) && hasTurns(id))
      .map((id) => row(id, seen))
      .sort((a, b) => a.startedAt - b.startedAt);
    const first = list.length > 0 ? list[0] : undefined;
    const startedAt = first === undefined ? 0 : turns.startedAt(first);
    const link = sessions.links.get(session);
    const firstProfile = first === undefined ? undefined : turns.profile(first);
    return {
      id: sessionId,
      title: sessions.generatedTitles.get(session) ?? sessions.firstText(session) ?? (firstProfile ? `${firstProfile.method} ${firstProfile.url}` : 'Empty session'),
      parentSessionId: link?.parentSessionId ?? null,
      relation: (link?.relation ?? null) as SessionRelation | null,
      ...(link?.viaInteractionId ? { viaInteractionId: link.viaInteractionId } : {}),
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

  const turnsOf = (sessionId: string): number[] => {
    const slot = findSession(sessionId);
    return slot === undefined ? [] : sessions.turns(slot);
  };

  return {
    ingest,
    revise,
    progress,
    row,
    rootOf,
    hasSession: hasTurns,
    turn(id: string): TurnMeta | undefined {
      const turn = findTurn(id);
      return turn === undefined ? undefined : turns.meta(turn, idOf);
    },
    /** Text streamed so far by an interaction still streaming. */
    streamedText: (id: string) => streaming.get(id),
    /** A session's turns in start order, each with the sessions it started. */
    sessionTurns(sessionId: string): CatalogTurn[] {
      if (findSession(sessionId) === undefined) return [];
      const started = new Map<string, TurnView['childSessions']>();
      for (const childId of childrenOf.get(sessionId) ?? []) {
        const link = linkOf(childId);
        const via = link?.viaInteractionId;
        if (!link || !via || !hasTurns(childId)) continue;
        const list = started.get(via) ?? [];
        list.push({ sessionId: childId, relation: link.relation, toolCallId: link.toolCallId, title: row(childId).title });
        started.set(via, list);
      }
      return turnsOf(sessionId).map((turn) => ({ meta: turns.meta(turn, idOf), childSessions: started.get(idOf(turn)) ?? [] }));
    },
    /** Ids of sessions nobody else nests (the list's top level). */
    rootIds(): string[] {
      const out: string[] = [];
      for (let slot = 0; slot < slots.size; slot++) {
        if (sessions.turnCount(slot) === 0) continue;
        // A session without a link is a root, known without walking up its parents.
        const id = idOf(slot);
        if (!sessions.links.has(slot) || rootOf(id) === id) out.push(id);
      }
      return out;
    },
    subtree,
    turnIdsOf: (sessionId: string) => turnsOf(sessionId).map(idOf),
    /** A root's row's `lastActivityAt`, without building the row. */
    lastActivityOf(rootId: string): number {
      let last = 0;
      for (const id of subtree(rootId)) {
        for (const turn of turnsOf(id)) last = Math.max(last, turns.endedAt(turn) ?? turns.startedAt(turn));
      }
      return last;
    },
    facets: () => ({ providers: [...facets.providers].sort(), models: [...facets.models].sort(), clients: [...facets.clients].sort() }),
  };
}

export type SessionCatalog = ReturnType<typeof createSessionCatalog>;
