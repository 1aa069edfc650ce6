// The session list as the UI holds it: a sparse array over all matching top-level sessions (pages arrive as the
// user scrolls) and the live reducer that keeps it current.

import type { SearchHit, SessionListQuery, SessionListResponse, SessionRow } from '../../../shared/api-contract';
import { assertNeverEvent, type UiLiveEvent } from '../../../shared/ui-live';

export interface ListData {
  seq: number;
  total: number;
  rows: (SessionRow | undefined)[];
  hits: Record<string, SearchHit>;
  facets: SessionListResponse['facets'];
  /** Live updates may reorder only when no search or filter narrows the list. */
  unfiltered: boolean;
}

export const PAGE_SIZE = 100;

/** What the list asks the API for: the filters, the time window as `since`, its first page. With no filter this is
 * the request index.html preloads. */
export function listRequest(query: SessionListQuery, windowMs: number, now = Date.now()): SessionListQuery {
  return { ...query, since: windowMs ? now - windowMs : undefined, limit: PAGE_SIZE };
}

export function isUnfiltered(query: SessionListQuery): boolean {
  return !query.q && !query.provider && !query.model && !query.client && query.since === undefined && !query.liveOnly;
}

export function fromResponse(response: SessionListResponse, query: SessionListQuery): ListData {
  const rows: (SessionRow | undefined)[] = new Array(response.total);
  response.sessions.forEach((row, i) => (rows[response.offset + i] = row));
  return { seq: response.seq, total: response.total, rows, hits: response.hits ?? {}, facets: response.facets, unfiltered: isUnfiltered(query) };
}

export function mergePage(data: ListData, response: SessionListResponse): ListData {
  const rows = data.rows.slice();
  response.sessions.forEach((row, i) => {
    // A row already placed (by a live update) keeps its place; later pages must not duplicate it.
    if (!rows.some((r) => r?.id === row.id)) rows[response.offset + i] = row;
  });
  return { ...data, rows, hits: { ...data.hits, ...(response.hits ?? {}) } };
}

export function reduceList(data: ListData, event: UiLiveEvent): ListData {
  switch (event.type) {
    case 'session-updated': {
      const { session, rootId } = event;
      let rows = data.rows;
      let total = data.total;
      // A session that became a child of another is no longer a top-level row.
      const nested = rows.findIndex((r) => r?.id !== rootId && flatIds(session).includes(r?.id ?? ''));
      if (nested >= 0) {
        rows = rows.filter((_, i) => i !== nested);
        total--;
      }
      const index = rows.findIndex((r) => r?.id === rootId);
      if (!data.unfiltered) {
        if (index < 0) return nested >= 0 ? { ...data, rows, total } : data;
        rows = rows.slice();
        rows[index] = session;
        return { ...data, rows, total };
      }
      rows = index >= 0 ? rows.filter((_, i) => i !== index) : rows.slice();
      if (index < 0) total++;
      rows.unshift(session);
      return { ...data, rows, total, facets: mergeFacets(data.facets, session) };
    }
    case 'interaction-started':
    case 'interaction-progress':
    case 'interaction-completed':
    case 'placement-revised':
    case 'capture-warning':
      return data;
    default:
      return assertNeverEvent(event);
  }
}

function flatIds(row: SessionRow): string[] {
  return [row.id, ...row.children.flatMap(flatIds)];
}

function mergeFacets(facets: ListData['facets'], row: SessionRow): ListData['facets'] {
  const add = (list: string[], values: string[]) => (values.every((v) => list.includes(v)) ? list : [...new Set([...list, ...values])].sort());
  return { providers: add(facets.providers, row.providers), models: add(facets.models, row.models), clients: add(facets.clients, row.clients) };
}
