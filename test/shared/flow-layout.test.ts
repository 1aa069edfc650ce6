import { describe, expect, it } from 'vitest';
import type { FlowCall, FlowData, FlowSession } from '../../shared/flow-data';
import { layoutFlow, packRows } from '../../shared/flow-layout';
import { fitViewport, hitTest, panBy, timeTicks, timeToX, visibleBars, xToTime, zoomAt } from '../../shared/flow-viewport';
import { summarizeFlow } from '../../shared/flow-summary';
import { layoutDay } from '../../shared/day-layout';
import type { SessionRow } from '../../shared/api-contract';

const T = 1_700_000_000_000;

function call(id: string, sessionId: string, start: number, end: number | undefined, extra: Partial<FlowCall> = {}): FlowCall {
  return {
    id,
    sessionId,
    parentId: null,
    kind: 'turn',
    state: end === undefined ? 'streaming' : 'complete',
    status: 200,
    startedAt: T + start,
    ...(end !== undefined ? { endedAt: T + end, firstByteAt: T + start + 100 } : {}),
    model: 'claude-sonnet-4-5',
    usage: { inputTokens: 100, outputTokens: 20 },
    costUsd: 0.001,
    toolCalls: [],
    toolResults: [],
    ...extra,
  };
}

const session = (id: string, parentSessionId: string | null = null, relation: FlowSession['relation'] = null, viaInteractionId?: string): FlowSession => ({
  id,
  title: id,
  parentSessionId,
  relation,
  ...(viaInteractionId ? { viaInteractionId } : {}),
});

/** A main conversation that starts a sub-agent from its first call, a side call, a 500 and its retry, and a live call. */
function run(): FlowData {
  return {
    seq: 1,
    rootId: 'main',
    sessions: [session('side-1', 'main', 'side', 'm1'), session('sub', 'main', 'subagent', 'm1'), session('main'), session('subsub', 'sub', 'subagent', 's1')],
    calls: [
      call('m1', 'main', 0, 1000, { toolCalls: [{ id: 'tc1', name: 'Task' }], usage: { inputTokens: 50, cacheReadTokens: 950, outputTokens: 30 } }),
      call('s1', 'sub', 1100, 1800, { toolCalls: [{ id: 'tc2', name: 'Bash' }] }),
      call('s2', 'sub', 2000, 2600, { toolResults: [{ toolCallId: 'tc2', isError: true }] }),
      call('ss1', 'subsub', 1900, 2100),
      call('x1', 'side-1', 1050, 1060, { model: 'claude-haiku-4-5', usage: { inputTokens: 10, outputTokens: 1 } }),
      call('m2', 'main', 3000, 3200, { state: 'complete', status: 500, errorMessage: 'overloaded' }),
      call('m3', 'main', 3300, 4000, { kind: 'retry', toolResults: [{ toolCallId: 'tc1', isError: false }], usage: { inputTokens: 100, cacheReadTokens: 1900, outputTokens: 10 } }),
      call('m4', 'main', 9000, undefined),
    ],
  };
}

describe('flow layout', () => {
  it('gives the main conversation the first lane, then its side calls, then each sub-agent nested under its parent', () => {
    const layout = layoutFlow(run(), T + 9500);
    expect(layout.lanes.map((l) => [l.id, l.kind, l.depth])).toEqual([
      ['main', 'main', 0],
      ['main#side', 'side', 1],
      ['sub', 'subagent', 1],
      ['subsub', 'subagent', 2],
    ]);
    // Lanes stack without overlapping.
    for (let i = 1; i < layout.lanes.length; i++) expect(layout.lanes[i].y).toBe(layout.lanes[i - 1].y + layout.lanes[i - 1].height);
  });

  it('puts each bar from request start to last byte, with TTFT, tinted by outcome, in-flight calls ending at now', () => {
    const layout = layoutFlow(run(), T + 9500);
    const bar = (id: string) => layout.bars.find((b) => b.id === id)!;
    expect(bar('m1')).toMatchObject({ start: T, end: T + 1000, firstByte: T + 100, outcome: 'ok', laneIndex: 0 });
    expect(bar('m2').outcome).toBe('failed');
    expect(bar('m3').outcome).toBe('retry');
    expect(bar('m4')).toMatchObject({ outcome: 'in-flight', end: T + 9500 });
    expect(bar('x1')).toMatchObject({ mark: true, laneIndex: 1 });
    expect(bar('x1').colorIndex).not.toBe(bar('m1').colorIndex);
    expect(layout.bars.map((b) => b.start)).toEqual(layout.bars.map((b) => b.start).sort((a, b) => a - b));
    // The layout grows with now while a call is in flight.
    expect(layoutFlow(run(), T + 12_000).bars.find((b) => b.id === 'm4')!.end).toBe(T + 12_000);
  });

  it('links the tool call that started a sub-agent to the sub-agent’s first call', () => {
    const layout = layoutFlow(run(), T + 9500);
    expect(layout.links.map((l) => [l.fromBarId, layout.lanes[l.toLaneIndex].id, l.fromTime - T, l.toTime - T])).toEqual([
      ['m1', 'sub', 1000, 1100],
      ['s1', 'subsub', 1800, 1900],
    ]);
  });

  it('marks idle gaps between calls of a lane, and says whether tools were running', () => {
    const layout = layoutFlow(run(), T + 9500);
    const main = layout.gaps.filter((g) => g.laneIndex === 0).map((g) => [g.start - T, g.end - T, g.reason]);
    expect(main).toEqual([
      [1000, 3000, 'tools'],
      [3200, 3300, 'input'],
      [4000, 9000, 'input'],
    ]);
  });

  it('stacks overlapping calls of one lane on separate rows', () => {
    expect(packRows([{ start: 0, end: 10 }, { start: 5, end: 8 }, { start: 9, end: 12 }, { start: 10, end: 11 }])).toEqual([0, 1, 1, 0]);
  });

  it('gives a session whose parent is missing a lane of its own', () => {
    const data: FlowData = { seq: 0, rootId: 'a', sessions: [session('a'), session('orphan', 'gone', 'subagent')], calls: [call('1', 'a', 0, 10), call('2', 'orphan', 5, 20)] };
    expect(layoutFlow(data, T).lanes.map((l) => l.id)).toEqual(['a', 'orphan']);
  });
});

describe('flow viewport', () => {
  const layout = layoutFlow(run(), T + 9500);

  it('fits the run into the width and maps time to x and back', () => {
    const v = fitViewport(layout, 1000);
    expect(timeToX(v, layout.t0)).toBeGreaterThan(0);
    expect(timeToX(v, layout.t1)).toBeLessThan(1000);
    expect(xToTime(v, timeToX(v, T + 1234))).toBeCloseTo(T + 1234, 6);
  });

  it('zooms around the cursor and pans by pixels, keeping vertical scroll inside the lanes', () => {
    const v = fitViewport(layout, 1000);
    const anchor = xToTime(v, 300);
    const zoomed = zoomAt(v, 0.25, 300);
    expect(zoomed.msPerPx).toBeCloseTo(v.msPerPx / 4);
    expect(xToTime(zoomed, 300)).toBeCloseTo(anchor, 6);
    const panned = panBy(zoomed, 100, -1000, layout.height, 40);
    expect(panned.start).toBeCloseTo(zoomed.start - 100 * zoomed.msPerPx);
    expect(panned.scrollY).toBe(layout.height - 40);
    expect(panBy(panned, 0, 10_000, layout.height, 40).scrollY).toBe(0);
  });

  it('returns only visible bars and finds the bar under the pointer', () => {
    const v = fitViewport(layout, 1000);
    expect(visibleBars(layout, v, 1000, 500).length).toBe(layout.bars.length);
    const zoomed = { ...v, start: T + 2950, msPerPx: 1 };
    expect(visibleBars(layout, zoomed, 400, 500).map((r) => r.bar.id).sort()).toEqual(['m2', 'm3']);
    const m1 = layout.bars.find((b) => b.id === 'm1')!;
    expect(hitTest(layout, v, timeToX(v, T + 500), m1.y + 2)?.id).toBe('m1');
    expect(hitTest(layout, v, timeToX(v, T + 6000), m1.y + 2)).toBeUndefined();
  });

  it('places ticks on round steps at least the minimum spacing apart', () => {
    const v = fitViewport(layout, 1000);
    const { step, ticks } = timeTicks(v, 1000, 90, layout.t0 + 7);
    expect(step / v.msPerPx).toBeGreaterThanOrEqual(90);
    expect(ticks.every((t) => (t - layout.t0 - 7) % step === 0)).toBe(true);
  });
});

describe('flow summary', () => {
  it('counts turns, tool calls with failures, tokens and cost per model and per lane, cache hits and context growth', () => {
    const s = summarizeFlow(run());
    expect(s.calls).toBe(8);
    expect(s.turns).toBe(7);
    expect(s.failed).toBe(1);
    expect(s.retries).toBe(1);
    expect(s.inFlight).toBe(1);
    expect(s.tools).toEqual([
      { name: 'Bash', count: 1, failures: 1 },
      { name: 'Task', count: 1, failures: 0 },
    ]);
    expect(s.byModel.find((m) => m.model === 'claude-haiku-4-5')).toMatchObject({ calls: 1, inputTokens: 10 });
    expect(s.byLane.find((l) => l.sessionId === 'sub')).toMatchObject({ calls: 2, relation: 'subagent' });
    expect(s.byLane.filter((l) => l.relation === 'side')).toMatchObject([{ sessionId: 'main', title: 'side calls of main', calls: 1 }]);
    // Fresh input: 50 + 100 × 6 + 10; cache reads 950 + 1900.
    expect(s.cacheHitRatio).toBeCloseTo(2850 / (2850 + 660), 6);
    expect(s.slowest.slice(0, 4).map((c) => [c.id, c.durationMs])).toEqual([['m1', 1000], ['s1', 700], ['m3', 700], ['s2', 600]]);
    expect(s.contextGrowth.map((c) => [c.id, c.inputTokens])).toEqual([
      ['m1', 1000],
      ['m3', 2000],
      ['m4', 100],
    ]);
  });
});

describe('day layout', () => {
  const row = (id: string, start: number, end: number, children: SessionRow[] = [], extra: Partial<SessionRow> = {}): SessionRow => ({
    id, title: id, parentSessionId: null, relation: null, startedAt: T + start, lastActivityAt: T + end, durationMs: end - start, turns: 1,
    models: ['gpt-4o'], providers: ['openai'], clients: [], usage: {}, costUsd: null, inFlight: 0, errors: 0, children, ...extra,
  });

  it('puts every run on one axis, one lane each, sub-agents overlapping their parent on further rows', () => {
    const roots = [row('b', 500, 900), row('a', 0, 1000, [row('a-sub', 200, 600, [], { parentSessionId: 'a', relation: 'subagent' })])];
    const { layout, sessions } = layoutDay(roots, T + 2000);
    expect(layout.lanes.map((l) => l.id)).toEqual(['a', 'b']);
    expect(layout.lanes[0].rows).toBe(2);
    const sub = layout.bars.find((b) => b.id === 'a-sub')!;
    expect(sub).toMatchObject({ laneIndex: 0, row: 1, start: T + 200, end: T + 600 });
    expect(sessions[sub.source].row.id).toBe('a-sub');
    expect(layout.t0).toBe(T);
    expect(layout.t1).toBe(T + 1000);
  });
});
