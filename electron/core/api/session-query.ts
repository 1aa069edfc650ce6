// The session list: filters, text search across every turn's messages (in the store, off this thread), newest activity first, paged over the
// top-level sessions (each row carries its nested sub-agents and side calls).

import type { SearchHit, SessionListQuery, SessionListResponse, SessionRow } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import { messageText } from '../../../shared/message-fingerprint';
import type { CaptureStore } from '../store/capture-store';
import type { TurnContentRequest } from '../store/turn-content';
import type { TurnSources } from './turn-loader';
import { contentOf } from './turn-view';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function flatten(row: SessionRow): SessionRow[] {
  return [row, ...row.children.flatMap(flatten)];
}

function matchesFilters(row: SessionRow, query: SessionListQuery): boolean {
  const all = flatten(row);
  if (query.provider && !all.some((r) => r.providers.includes(query.provider!))) return false;
  if (query.model && !all.some((r) => r.models.includes(query.model!))) return false;
  if (query.client && !all.some((r) => r.clients.includes(query.client!))) return false;
  if (query.since !== undefined && row.lastActivityAt < query.since) return false;
  if (query.until !== undefined && row.startedAt > query.until) return false;
  if (query.liveOnly && !all.some((r) => r.inFlight > 0)) return false;
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function snippetAround(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 60);
  const to = Math.min(text.length, index + length + 80);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

function liveHit(sources: SearchSources, ids: readonly string[], pattern: RegExp, live: Map<string, InteractionRecord>): { id: string; text: string } | undefined {
  for (const id of ids) {
    const meta = sources.catalog.turn(id);
    const record = live.get(id);
    const streamed = sources.catalog.streamedText(id);
    if (!meta || (!record && streamed === undefined)) continue;
    const content = record ? contentOf(record, meta.newFrom) : { newMessages: [], outputs: [] };
    const texts = [...content.newMessages.map(messageText), ...content.outputs.map(messageText)];
    if (streamed) texts.push(streamed);
    const text = texts.find((t) => pattern.test(t));
    if (text !== undefined) return { id, text };
  }
  return undefined;
}

/** Per root, where `q` is first found: in flight turns here, every other turn by the store. */
async function searchRoots(sources: SearchSources, roots: readonly SessionRow[], q: string): Promise<Map<string, SearchHit>> {
  const pattern = new RegExp(escapeRegExp(q), 'i');
  const live = new Map(sources.inFlight().map((record) => [record.id, record]));
  const hits = new Map<string, SearchHit>();
  const toStore: { root: string; turns: TurnContentRequest[] }[] = [];
  const hitOf = (found: { id: string; text: string }): SearchHit => {
    const match = pattern.exec(found.text);
    return { sessionId: sources.catalog.turn(found.id)!.sessionId, interactionId: found.id, snippet: snippetAround(found.text, match?.index ?? 0, match?.[0].length ?? 0) };
  };
  for (const row of roots) {
    const ids = sources.catalog.subtree(row.id).flatMap((sessionId) => sources.catalog.turnIdsOf(sessionId));
    const found = liveHit(sources, ids, pattern, live);
    if (found) hits.set(row.id, hitOf(found));
    else toStore.push({ root: row.id, turns: ids.filter((id) => !live.has(id)).map((id) => ({ id, from: sources.catalog.turn(id)!.newFrom, total: sources.catalog.turn(id)!.requestMessageCount })) });
  }
  if (toStore.length > 0) {
    const stored = await sources.store.searchTurns(toStore.map((g) => g.turns), q);
    stored.forEach((found, i) => {
      if (found) hits.set(toStore[i].root, hitOf(found));
    });
  }
  return hits;
}

export interface SearchSources extends TurnSources {
  store: Pick<CaptureStore, 'turnContents' | 'searchTurns'>;
}

const pageOf = (query: SessionListQuery) => {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  return { offset, limit: Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT))) };
};

const isUnfiltered = (query: SessionListQuery) =>
  !query.provider && !query.model && !query.client && query.since === undefined && query.until === undefined && !query.liveOnly && !query.q?.trim();

export async function querySessions(sources: SearchSources, query: SessionListQuery, seq: number): Promise<SessionListResponse> {
  const { catalog } = sources;
  if (isUnfiltered(query)) {
    // The common first request: rows are built for the page only, ordered by a figure the catalog reads directly.
    const { offset, limit } = pageOf(query);
    const order = catalog.rootIds().map((id) => ({ id, last: catalog.lastActivityOf(id) }));
    order.sort((a, b) => b.last - a.last || (a.id < b.id ? -1 : 1));
    const sessions = order.slice(offset, offset + limit).map(({ id }) => catalog.row(id));
    return { seq, total: order.length, offset, sessions, facets: catalog.facets() };
  }
  const roots = catalog.rootIds().map((id) => catalog.row(id));
  let matching = roots.filter((row) => matchesFilters(row, query));
  let hits: Record<string, SearchHit> | undefined;
  const q = query.q?.trim();
  if (q) {
    const found = await searchRoots(sources, matching, q);
    hits = Object.fromEntries(found);
    matching = matching.filter((row) => found.has(row.id));
  }
  matching.sort((a, b) => b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? -1 : 1));
  const { offset, limit } = pageOf(query);
  const page = matching.slice(offset, offset + limit);
  const pageHits = hits ? Object.fromEntries(page.filter((r) => hits![r.id]).map((r) => [r.id, hits![r.id]])) : undefined;
  return {
    seq,
    total: matching.length,
    offset,
    sessions: page,
    ...(pageHits ? { hits: pageHits } : {}),
    facets: catalog.facets(),
  };
}
