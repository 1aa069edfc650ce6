// The numbers beside the waterfall: what the run did and what it cost, from the same plain data. Pure.

import { callOutcome, type FlowData } from './flow-data';
import type { Usage } from './normalized';

export interface TokenTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number | null;
}

export interface ToolCount {
  name: string;
  count: number;
  failures: number;
}

export interface FlowSummary {
  calls: number;
  /** Calls of the conversations themselves (not side calls). */
  turns: number;
  failed: number;
  retries: number;
  inFlight: number;
  tools: ToolCount[];
  byModel: (TokenTotals & { model: string })[];
  byLane: (TokenTotals & { sessionId: string; title: string; relation: string })[];
  total: TokenTotals;
  /** Cache reads over all prompt tokens (fresh + cache read + cache write); null when nothing reported input. */
  cacheHitRatio: number | null;
  slowest: { id: string; sessionId: string; model?: string; durationMs: number; ttftMs?: number }[];
  /** Prompt size (fresh + cached input) per call of the root conversation, in order: how the context grew. */
  contextGrowth: { id: string; inputTokens: number }[];
}

const emptyTotals = (): TokenTotals => ({ calls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: null });

function add(totals: TokenTotals, usage: Usage, cost: number | null): void {
  totals.calls++;
  totals.inputTokens += usage.inputTokens ?? 0;
  totals.outputTokens += usage.outputTokens ?? 0;
  totals.cacheReadTokens += usage.cacheReadTokens ?? 0;
  totals.cacheWriteTokens += usage.cacheWriteTokens ?? 0;
  if (cost !== null) totals.costUsd = (totals.costUsd ?? 0) + cost;
}

export const promptTokens = (usage: Usage) => (usage.inputTokens ?? 0) + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);

export function summarizeFlow(data: FlowData, slowestCount = 5): FlowSummary {
  const sessions = new Map(data.sessions.map((s) => [s.id, s]));
  const tools = new Map<string, ToolCount>();
  const nameOfCall = new Map<string, string>();
  const byModel = new Map<string, TokenTotals>();
  const byLane = new Map<string, TokenTotals>();
  const total = emptyTotals();
  let turns = 0;
  let failed = 0;
  let retries = 0;
  let inFlight = 0;
  const calls = data.calls.slice().sort((a, b) => a.startedAt - b.startedAt);
  for (const call of calls) {
    for (const tool of call.toolCalls) {
      const entry = tools.get(tool.name) ?? { name: tool.name, count: 0, failures: 0 };
      entry.count++;
      tools.set(tool.name, entry);
      if (tool.id) nameOfCall.set(tool.id, tool.name);
    }
  }
  for (const call of calls) {
    for (const result of call.toolResults) {
      if (!result.isError) continue;
      const name = (result.toolCallId && nameOfCall.get(result.toolCallId)) ?? result.name;
      const entry = name ? tools.get(name) : undefined;
      if (entry) entry.failures++;
    }
    const relation = sessions.get(call.sessionId)?.relation;
    if (relation !== 'side') turns++;
    const outcome = callOutcome(call);
    if (outcome === 'failed' || outcome === 'aborted') failed++;
    if (call.kind === 'retry') retries++;
    if (outcome === 'in-flight') inFlight++;
    const model = call.model ?? '?';
    if (!byModel.has(model)) byModel.set(model, emptyTotals());
    add(byModel.get(model)!, call.usage, call.costUsd);
    // Side calls are many one-call sessions: they share one row per session they serve, as they share a lane.
    const session = sessions.get(call.sessionId);
    const laneKey = relation === 'side' && session?.parentSessionId ? `${session.parentSessionId}#side` : call.sessionId;
    if (!byLane.has(laneKey)) byLane.set(laneKey, emptyTotals());
    add(byLane.get(laneKey)!, call.usage, call.costUsd);
    add(total, call.usage, call.costUsd);
  }
  const prompt = total.inputTokens + total.cacheReadTokens + total.cacheWriteTokens;
  const finished = calls.filter((c) => c.endedAt !== undefined);
  const slowest = finished
    .map((c) => ({ id: c.id, sessionId: c.sessionId, ...(c.model ? { model: c.model } : {}), durationMs: c.endedAt! - c.startedAt, ...(c.firstByteAt !== undefined ? { ttftMs: c.firstByteAt - c.startedAt } : {}) }))
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, slowestCount);
  const contextGrowth = calls
    .filter((c) => c.sessionId === data.rootId && callOutcome(c) !== 'failed' && promptTokens(c.usage) > 0)
    .map((c) => ({ id: c.id, inputTokens: promptTokens(c.usage) }));
  return {
    calls: calls.length,
    turns,
    failed,
    retries,
    inFlight,
    tools: [...tools.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    byModel: [...byModel].map(([model, t]) => ({ model, ...t })).sort((a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0) || b.calls - a.calls),
    byLane: [...byLane].map(([key, t]) => {
      if (key.endsWith('#side')) {
        const parent = key.slice(0, -'#side'.length);
        return { sessionId: parent, title: `side calls of ${sessions.get(parent)?.title ?? parent}`, relation: 'side', ...t };
      }
      const session = sessions.get(key);
      return { sessionId: key, title: session?.title ?? key, relation: key === data.rootId ? 'main' : session?.relation ?? 'main', ...t };
    }),
    total,
    cacheHitRatio: prompt > 0 ? total.cacheReadTokens / prompt : null,
    slowest,
    contextGrowth,
  };
}

