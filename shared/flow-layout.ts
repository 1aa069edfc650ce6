// The waterfall's geometry, computed once per data change and pure (no DOM, no clock: `now` comes in): which lane
// each session gets and in what order, rows inside a lane for calls that overlap, each bar's time span, the lines
// from a tool call to the sub-agent it started, and the idle gaps between calls. Pixels only appear in the zoom
// math (flow-viewport.ts), so one layout serves every zoom level, the live view and an exported file alike.

import { callOutcome, type CallOutcome, type FlowCall, type FlowData, type FlowSession } from './flow-data';

export type LaneKind = 'main' | 'subagent' | 'continuation' | 'side' | 'session';

export interface FlowLane {
  id: string;
  sessionId: string;
  kind: LaneKind;
  label: string;
  depth: number;
  rows: number;
  /** Top of the lane in layout pixels (lanes stack vertically; time never changes them). */
  y: number;
  height: number;
  barCount: number;
}

export interface FlowBar {
  id: string;
  sessionId: string;
  laneIndex: number;
  row: number;
  start: number;
  /** Time of the first response byte (time to first token), when known. */
  firstByte?: number;
  /** Last byte; `now` for a call still in flight. */
  end: number;
  outcome: CallOutcome;
  model?: string;
  /** Index into `layout.models`: the bar's colour. */
  colorIndex: number;
  /** Side calls are drawn as marks: short, many, and only their position matters. */
  mark: boolean;
  y: number;
  height: number;
  /** Index into `FlowData.calls` (or the day view's sessions), for the hover card. */
  source: number;
}

export interface FlowLink {
  fromBarId: string;
  toLaneIndex: number;
  /** From the parent call's end (where its tool call came out) to the child's first call. */
  fromTime: number;
  fromY: number;
  toTime: number;
  toY: number;
}

export interface FlowGap {
  laneIndex: number;
  start: number;
  end: number;
  /** After an answer that asked for tools the agent was running them; otherwise it waited for input. */
  reason: 'tools' | 'input';
}

export interface FlowLayout {
  t0: number;
  t1: number;
  lanes: FlowLane[];
  /** Sorted by start time. */
  bars: FlowBar[];
  links: FlowLink[];
  gaps: FlowGap[];
  models: string[];
  height: number;
}

export const ROW_HEIGHT = 22;
export const BAR_HEIGHT = 14;
export const LANE_PADDING = 6;
export const MARK_ROW_HEIGHT = 14;

const laneKindOf = (session: FlowSession, isRoot: boolean): LaneKind =>
  isRoot || !session.relation ? 'main' : session.relation === 'subagent' ? 'subagent' : session.relation === 'continuation' ? 'continuation' : 'side';

const startOfCalls = (calls: FlowCall[] | undefined) => (calls && calls.length ? calls[0].startedAt : Number.POSITIVE_INFINITY);

/** Greedy interval packing: each item goes to the first row that is free at its start. Items sorted by start. */
export function packRows(items: { start: number; end: number }[]): number[] {
  const rowEnds: number[] = [];
  return items.map((item) => {
    let row = rowEnds.findIndex((end) => end <= item.start);
    if (row < 0) row = rowEnds.push(item.end) - 1;
    else rowEnds[row] = item.end;
    return row;
  });
}

interface LanePlan {
  lane: Omit<FlowLane, 'y' | 'height' | 'rows' | 'barCount'>;
  calls: FlowCall[];
  sources: number[];
}

/** Lane order: each session, then its side-call lane, then its sub-agents by start, depth-first. */
function planLanes(data: FlowData, callsBySession: Map<string, FlowCall[]>, sourceOf: Map<FlowCall, number>): LanePlan[] {
  const byId = new Map(data.sessions.map((s) => [s.id, s]));
  const children = new Map<string, FlowSession[]>();
  for (const session of data.sessions) {
    if (session.id === data.rootId || !session.parentSessionId || !byId.has(session.parentSessionId)) continue;
    const list = children.get(session.parentSessionId) ?? [];
    list.push(session);
    children.set(session.parentSessionId, list);
  }
  const plans: LanePlan[] = [];
  const placed = new Set<string>();
  const sorted = (list: FlowSession[]) => list.slice().sort((a, b) => startOfCalls(callsBySession.get(a.id)) - startOfCalls(callsBySession.get(b.id)) || (a.id < b.id ? -1 : 1));
  const visit = (session: FlowSession, depth: number, isRoot: boolean) => {
    if (placed.has(session.id)) return;
    placed.add(session.id);
    const calls = callsBySession.get(session.id) ?? [];
    plans.push({ lane: { id: session.id, sessionId: session.id, kind: laneKindOf(session, isRoot), label: session.title, depth }, calls, sources: calls.map((c) => sourceOf.get(c)!) });
    const kids = sorted(children.get(session.id) ?? []);
    const sides = kids.filter((k) => k.relation === 'side');
    if (sides.length) {
      const sideCalls = sides.flatMap((s) => { placed.add(s.id); return callsBySession.get(s.id) ?? []; }).sort((a, b) => a.startedAt - b.startedAt);
      plans.push({ lane: { id: `${session.id}#side`, sessionId: session.id, kind: 'side', label: `side calls (${sideCalls.length})`, depth: depth + 1 }, calls: sideCalls, sources: sideCalls.map((c) => sourceOf.get(c)!) });
    }
    for (const kid of kids) if (kid.relation !== 'side') visit(kid, kid.relation === 'continuation' ? depth : depth + 1, false);
  };
  const root = byId.get(data.rootId);
  if (root) visit(root, 0, true);
  // Sessions whose parent is not in the data (or a cycle) still get a lane rather than vanishing.
  for (const session of sorted(data.sessions)) visit(session, 0, false);
  return plans;
}

export function layoutFlow(data: FlowData, now: number): FlowLayout {
  const callsBySession = new Map<string, FlowCall[]>();
  const sourceOf = new Map<FlowCall, number>();
  data.calls.forEach((call, index) => {
    sourceOf.set(call, index);
    const list = callsBySession.get(call.sessionId) ?? [];
    list.push(call);
    callsBySession.set(call.sessionId, list);
  });
  for (const list of callsBySession.values()) list.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const models = [...new Set(data.calls.map((c) => c.model ?? '?'))].sort();
  const colorOf = new Map(models.map((m, i) => [m, i]));

  const lanes: FlowLane[] = [];
  const bars: FlowBar[] = [];
  const gaps: FlowGap[] = [];
  const barById = new Map<string, FlowBar>();
  let y = 0;
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const plan of planLanes(data, callsBySession, sourceOf)) {
    const laneIndex = lanes.length;
    const isSide = plan.lane.kind === 'side';
    const spans = plan.calls.map((call) => ({ start: call.startedAt, end: Math.max(call.startedAt, call.endedAt ?? now) }));
    const rows = packRows(spans);
    const rowCount = Math.max(1, ...rows.map((r) => r + 1));
    const rowHeight = isSide ? MARK_ROW_HEIGHT : ROW_HEIGHT;
    const height = rowCount * rowHeight + LANE_PADDING * 2;
    lanes.push({ ...plan.lane, rows: rowCount, y, height, barCount: plan.calls.length });
    let busyUntil = Number.NEGATIVE_INFINITY;
    let lastWithTools = false;
    plan.calls.forEach((call, i) => {
      const { start, end } = spans[i];
      const barHeight = isSide ? MARK_ROW_HEIGHT - 4 : BAR_HEIGHT;
      const bar: FlowBar = {
        id: call.id,
        sessionId: call.sessionId,
        laneIndex,
        row: rows[i],
        start,
        ...(call.firstByteAt !== undefined && call.firstByteAt >= start ? { firstByte: call.firstByteAt } : {}),
        end,
        outcome: callOutcome(call),
        ...(call.model ? { model: call.model } : {}),
        colorIndex: colorOf.get(call.model ?? '?') ?? 0,
        mark: isSide,
        y: y + LANE_PADDING + rows[i] * rowHeight + (rowHeight - barHeight) / 2,
        height: barHeight,
        source: plan.sources[i],
      };
      bars.push(bar);
      barById.set(bar.id, bar);
      if (!isSide && start > busyUntil && busyUntil > Number.NEGATIVE_INFINITY) gaps.push({ laneIndex, start: busyUntil, end: start, reason: lastWithTools ? 'tools' : 'input' });
      if (end >= busyUntil) lastWithTools = call.toolCalls.length > 0;
      busyUntil = Math.max(busyUntil, end);
      t0 = Math.min(t0, start);
      t1 = Math.max(t1, end);
    });
    y += height;
  }
  bars.sort((a, b) => a.start - b.start || a.laneIndex - b.laneIndex);

  const links: FlowLink[] = [];
  const laneOfSession = new Map<string, number>();
  lanes.forEach((lane, index) => lane.kind !== 'side' && laneOfSession.set(lane.sessionId, index));
  for (const session of data.sessions) {
    if (!session.viaInteractionId || session.relation === 'side') continue;
    const from = barById.get(session.viaInteractionId);
    const toLaneIndex = laneOfSession.get(session.id);
    const first = callsBySession.get(session.id)?.[0];
    if (!from || toLaneIndex === undefined || !first) continue;
    const target = barById.get(first.id)!;
    links.push({
      fromBarId: from.id,
      toLaneIndex,
      fromTime: Math.min(from.end, target.start),
      fromY: from.y + from.height,
      toTime: target.start,
      toY: target.y + target.height / 2,
    });
  }
  if (!Number.isFinite(t0)) {
    t0 = now;
    t1 = now;
  }
  return { t0, t1, lanes, bars, links, gaps, models, height: y };
}

// The zoom math lives beside the layout it moves over; one import for callers.
export { fitViewport, hitTest, panBy, tickLabel, timeTicks, timeToX, visibleBars, xToTime, zoomAt, type FlowViewport } from './flow-viewport';
