// The day view's geometry: every top-level session on one time axis, one lane each, its sub-agents and side calls as
// further rows of the same lane, so agents that ran in parallel show as overlapping bars. Produces the same
// FlowLayout the waterfall draws, so zoom, pan, hit testing and drawing are shared.

import type { SessionRow } from './api-contract';
import { LANE_PADDING, packRows, ROW_HEIGHT, BAR_HEIGHT, type FlowBar, type FlowLane, type FlowLayout } from './flow-layout';

export interface DaySession {
  row: SessionRow;
  depth: number;
  rootId: string;
}

/** Flattens the nested rows (root first, then its linked sessions depth-first): `bar.source` indexes this list. */
export function flattenDay(roots: SessionRow[]): DaySession[] {
  const out: DaySession[] = [];
  const visit = (row: SessionRow, depth: number, rootId: string) => {
    out.push({ row, depth, rootId });
    for (const child of row.children) visit(child, depth + 1, rootId);
  };
  for (const root of roots) visit(root, 0, root.id);
  return out;
}

export function layoutDay(roots: SessionRow[], now: number): { layout: FlowLayout; sessions: DaySession[] } {
  const sessions = flattenDay(roots);
  const byRoot = new Map<string, number[]>();
  sessions.forEach((s, i) => {
    const list = byRoot.get(s.rootId) ?? [];
    list.push(i);
    byRoot.set(s.rootId, list);
  });
  const models = [...new Set(sessions.map((s) => s.row.models[0] ?? '?'))].sort();
  const colorOf = new Map(models.map((m, i) => [m, i]));
  const ordered = roots.slice().sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const lanes: FlowLane[] = [];
  const bars: FlowBar[] = [];
  let y = 0;
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const root of ordered) {
    const members = (byRoot.get(root.id) ?? []).slice().sort((a, b) => sessions[a].row.startedAt - sessions[b].row.startedAt);
    // A session still working stretches to now; a finished one ends at its last activity (at least a sliver).
    const spans = members.map((i) => {
      const row = sessions[i].row;
      const end = row.inFlight > 0 ? Math.max(now, row.lastActivityAt) : Math.max(row.lastActivityAt, row.startedAt + 1);
      return { start: row.startedAt, end };
    });
    const rows = packRows(spans);
    const rowCount = Math.max(1, ...rows.map((r) => r + 1));
    const laneIndex = lanes.length;
    const height = rowCount * ROW_HEIGHT + LANE_PADDING * 2;
    lanes.push({ id: root.id, sessionId: root.id, kind: 'session', label: root.title, depth: 0, rows: rowCount, y, height, barCount: members.length });
    members.forEach((index, k) => {
      const { row, depth } = sessions[index];
      const { start, end } = spans[k];
      const failed = row.errors > 0 && row.errors >= row.turns;
      bars.push({
        id: row.id,
        sessionId: row.id,
        laneIndex,
        row: rows[k],
        start,
        end,
        outcome: row.inFlight > 0 ? 'in-flight' : failed ? 'failed' : 'ok',
        ...(row.models[0] ? { model: row.models[0] } : {}),
        colorIndex: colorOf.get(row.models[0] ?? '?') ?? 0,
        mark: row.relation === 'side',
        y: y + LANE_PADDING + rows[k] * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2 + (depth > 0 ? 2 : 0),
        height: depth > 0 ? BAR_HEIGHT - 4 : BAR_HEIGHT,
        source: index,
      });
      t0 = Math.min(t0, start);
      t1 = Math.max(t1, end);
    });
    y += height;
  }
  bars.sort((a, b) => a.start - b.start || a.laneIndex - b.laneIndex);
  if (!Number.isFinite(t0)) {
    t0 = now - 3600_000;
    t1 = now;
  }
  return { layout: { t0, t1, lanes, bars, links: [], gaps: [], models, height: y }, sessions };
}
