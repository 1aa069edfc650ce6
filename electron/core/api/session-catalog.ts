// The sessions as the UI reads them, kept in memory and updated as interactions are captured: one TurnView per
// interaction (only the messages new in its request, so memory grows with unique content), rows per session, and
// the links that nest sub-agents and side calls under their session.
// Why here and not in the store: the store's record layout is being reworked; these queries run on top of
// listInteractions at start and the live events after. A store-level index (sessions table, FTS) can replace it
// behind the same service methods.

import type { SessionRow, TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement, SessionRelation } from '../../../shared/session';
import type { HistoryMark } from '../../../shared/turn-delta';
import { addUsage } from '../export/session-groups';
import { firstUserText, generatedTitle } from '../export/session-title';
import { buildTurn } from './turn-view';
import type { PriceTable } from './price-table';

interface SessionState {
  id: string;
  turnIds: string[];
  link?: Placement['link'];
  firstText?: { at: number; text: string };
  generatedTitle?: string;
  row?: SessionRow;
}

interface TurnState {
  turn: TurnView;
  mark: HistoryMark;
}

const LIVE_STATES = new Set(['pending', 'streaming']);

export function createSessionCatalog(prices: PriceTable) {
  const turns = new Map<string, TurnState>();
  const sessions = new Map<string, SessionState>();
  const childrenOf = new Map<string, Set<string>>();

  const sessionOf = (id: string): SessionState => {
    let session = sessions.get(id);
    if (!session) sessions.set(id, (session = { id, turnIds: [] }));
    return session;
  };

  const startOf = (id: string) => turns.get(id)?.turn.startedAt ?? 0;

  function insertSorted(list: string[], id: string): void {
    const at = startOf(id);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = list[mid];
      if (startOf(other) < at || (startOf(other) === at && other < id)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, id);
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

  function dirty(sessionId: string): void {
    // A row nests its children, so every ancestor's row is stale too.
    const seen = new Set<string>();
    let id: string | undefined = sessionId;
    while (id && !seen.has(id)) {
      seen.add(id);
      const session = sessions.get(id);
      if (!session) break;
      session.row = undefined;
      id = session.link?.parentSessionId;
    }
  }

  function detach(id: string): string | undefined {
    const existing = turns.get(id);
    if (!existing) return undefined;
    const old = sessions.get(existing.turn.sessionId);
    if (old) {
      const index = old.turnIds.indexOf(id);
      if (index >= 0) old.turnIds.splice(index, 1);
      dirty(old.id);
    }
    return existing.turn.sessionId;
  }

  /** Adds or replaces an interaction. Returns the ids of the sessions whose rows changed. */
  function ingest(record: InteractionRecord, streamedText?: string): { turn: TurnView; touched: string[] } {
    const previousSession = detach(record.id);
    const parentId = record.placement?.parentId;
    const built = buildTurn(record, parentId ? turns.get(parentId)?.mark : undefined, prices, streamedText);
    turns.set(record.id, built);
    const session = sessionOf(built.turn.sessionId);
    insertSorted(session.turnIds, record.id);
    setLink(session, record.placement?.link);
    const text = firstUserText([record]);
    if (text && (!session.firstText || built.turn.startedAt < session.firstText.at)) session.firstText = { at: built.turn.startedAt, text };
    if (session.link?.relation === 'side') {
      const title = generatedTitle([record]);
      const parent = title ? sessionOf(session.link.parentSessionId) : undefined;
      if (parent && title && !parent.generatedTitle) parent.generatedTitle = title;
    }
    dirty(session.id);
    if (session.link) dirty(session.link.parentSessionId);
    const touched = [session.id];
    if (previousSession && previousSession !== session.id) touched.push(previousSession);
    return { turn: built.turn, touched };
  }

  function revise(id: string, placement: Placement): { turn: TurnView; touched: string[] } | undefined {
    const existing = turns.get(id);
    if (!existing) return undefined;
    const previousSession = detach(id);
    const turn: TurnView = { ...existing.turn, sessionId: placement.sessionId, parentId: placement.parentId, kind: placement.kind };
    if (placement.link) turn.link = placement.link;
    else delete turn.link;
    turns.set(id, { ...existing, turn });
    const session = sessionOf(placement.sessionId);
    insertSorted(session.turnIds, id);
    setLink(session, placement.link);
    dirty(session.id);
    const touched = [session.id];
    if (previousSession && previousSession !== session.id) touched.push(previousSession);
    return { turn, touched };
  }

  function progress(id: string, textDelta: string): TurnView | undefined {
    const state = turns.get(id);
    if (!state) return undefined;
    state.turn.streamedText = (state.turn.streamedText ?? '') + textDelta;
    if (state.turn.state === 'pending') state.turn.state = 'streaming';
    return state.turn;
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

  function row(sessionId: string, seen = new Set<string>()): SessionRow {
    const session = sessionOf(sessionId);
    if (session.row) return session.row;
    seen.add(sessionId);
    const list = session.turnIds.map((id) => turns.get(id)!.turn);
    const models = new Set<string>();
    const providers = new Set<string>();
    const clients = new Set<string>();
    let usage = {};
    let cost: number | null = null;
    let inFlight = 0;
    let errors = 0;
    let last = 0;
    for (const turn of list) {
      if (turn.model) models.add(turn.model);
      providers.add(turn.provider);
      if (turn.client) clients.add(turn.client);
      usage = addUsage(usage, turn.usage);
      if (turn.cost) cost = (cost ?? 0) + turn.cost.usd;
      if (LIVE_STATES.has(turn.state)) inFlight++;
      if (turn.state === 'error' || turn.state === 'aborted' || (turn.status ?? 0) >= 400) errors++;
      last = Math.max(last, turn.endedAt ?? turn.startedAt);
    }
    const children = [...(childrenOf.get(sessionId) ?? [])]
      .filter((id) => !seen.has(id) && sessions.get(id)!.turnIds.length > 0)
      .map((id) => row(id, seen))
      .sort((a, b) => a.startedAt - b.startedAt);
    const startedAt = list[0]?.startedAt ?? 0;
    const built: SessionRow = {
      id: sessionId,
      title: session.generatedTitle ?? session.firstText?.text ?? (list[0] ? `${list[0].method} ${list[0].url}` : 'Empty session'),
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
    session.row = built;
    return built;
  }

  return {
    ingest,
    revise,
    progress,
    row,
    rootOf,
    hasSession: (id: string) => (sessions.get(id)?.turnIds.length ?? 0) > 0,
    turn: (id: string) => turns.get(id)?.turn,
    sessionTurns(sessionId: string): TurnView[] {
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
      return session.turnIds.map((id) => {
        const turn = turns.get(id)!.turn;
        const childSessions = started.get(id);
        return childSessions ? { ...turn, childSessions } : turn;
      });
    },
    /** Ids of sessions nobody else nests (the list's top level). */
    rootIds(): string[] {
      const out: string[] = [];
      for (const session of sessions.values()) {
        if (session.turnIds.length > 0 && rootOf(session.id) === session.id) out.push(session.id);
      }
      return out;
    },
    /** Every session in a root's subtree, the root first. */
    subtree(rootId: string): string[] {
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
    },
    turnIdsOf: (sessionId: string) => sessions.get(sessionId)?.turnIds ?? [],
    sessionCount: () => sessions.size,
  };
}

export type SessionCatalog = ReturnType<typeof createSessionCatalog>;
