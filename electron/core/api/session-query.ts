// The session list: filters, text search across every turn's messages, newest activity first, paged over the
// top-level sessions (each row carries its nested sub-agents and side calls).

import type { SearchHit, SessionListQuery, SessionListResponse, SessionRow, TurnView } from '../../../shared/api-contract';
import { messageText } from '../../../shared/message-fingerprint';
import type { SessionCatalog } from './session-catalog';

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

function searchTurn(turn: TurnView, pattern: RegExp): string | undefined {
  const texts = [...turn.newMessages.map(messageText), ...turn.outputs.map(messageText)];
  if (turn.streamedText) texts.push(turn.streamedText);
  for (const text of texts) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match) return snippetAround(text, match.index, match[0].length);
  }
  return undefined;
}

export function querySessions(catalog: SessionCatalog, query: SessionListQuery, seq: number): SessionListResponse {
  const roots = catalog.rootIds().map((id) => catalog.row(id));
  const facets = { providers: new Set<string>(), models: new Set<string>(), clients: new Set<string>() };
  for (const row of roots) {
    for (const r of flatten(row)) {
      r.providers.forEach((p) => facets.providers.add(p));
      r.models.forEach((m) => facets.models.add(m));
      r.clients.forEach((c) => facets.clients.add(c));
    }
  }
  let matching = roots.filter((row) => matchesFilters(row, query));
  let hits: Record<string, SearchHit> | undefined;
  const q = query.q?.trim();
  if (q) {
    hits = {};
    const pattern = new RegExp(escapeRegExp(q), 'i');
    const found: SessionRow[] = [];
    for (const row of matching) {
      hit: for (const sessionId of catalog.subtree(row.id)) {
        for (const turnId of catalog.turnIdsOf(sessionId)) {
          const turn = catalog.turn(turnId);
          const snippet = turn && searchTurn(turn, pattern);
          if (snippet) {
            hits[row.id] = { sessionId, interactionId: turnId, snippet };
            found.push(row);
            break hit;
          }
        }
      }
    }
    matching = found;
  }
  matching.sort((a, b) => b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? -1 : 1));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  const page = matching.slice(offset, offset + limit);
  const pageHits = hits ? Object.fromEntries(page.filter((r) => hits![r.id]).map((r) => [r.id, hits![r.id]])) : undefined;
  return {
    seq,
    total: matching.length,
    offset,
    sessions: page,
    ...(pageHits ? { hits: pageHits } : {}),
    facets: { providers: [...facets.providers].sort(), models: [...facets.models].sort(), clients: [...facets.clients].sort() },
  };
}
