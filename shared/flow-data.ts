// The plain data a flow view (waterfall and summary) is drawn from: every call of a session and of the sessions
// linked to it, with timings, and how those sessions hang together. Serializable on purpose: the API serves it,
// the live reducer grows it, and a self-contained export can embed it as JSON and draw it with no server.

import type { TurnView } from './api-contract';
import type { ExchangeState } from './exchange';
import type { Usage } from './normalized';
import type { InteractionKind, SessionRelation } from './session';

/** The route that serves a run's FlowData, given any session of the run (additive to API_PATHS). */
export const flowPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/flow`;

export interface FlowToolCall {
  id?: string;
  name: string;
}

export interface FlowToolResult {
  toolCallId?: string;
  name?: string;
  isError: boolean;
}

export interface FlowCall {
  id: string;
  sessionId: string;
  parentId: string | null;
  kind: InteractionKind;
  state: ExchangeState;
  status?: number;
  startedAt: number;
  firstByteAt?: number;
  endedAt?: number;
  model?: string;
  usage: Usage;
  costUsd: number | null;
  /** Tool calls the model asked for in this call's answer. */
  toolCalls: FlowToolCall[];
  /** Tool results this call's request carried back (only the new ones). */
  toolResults: FlowToolResult[];
  errorMessage?: string;
}

export interface FlowSession {
  id: string;
  title: string;
  parentSessionId: string | null;
  relation: SessionRelation | null;
  /** The call in the parent session that started this one. */
  viaInteractionId?: string;
  toolCallId?: string;
}

export interface FlowData {
  seq: number;
  rootId: string;
  /** The root first, then every linked session (any order). */
  sessions: FlowSession[];
  calls: FlowCall[];
}

/** The flow's view of one timeline turn: timings, usage and tool traffic, no message text. */
export function flowCallFromTurn(turn: TurnView): FlowCall {
  const toolCalls: FlowToolCall[] = [];
  for (const message of turn.outputs) {
    for (const part of message.parts) if (part.type === 'tool-call') toolCalls.push(part.id ? { id: part.id, name: part.name } : { name: part.name });
  }
  const toolResults: FlowToolResult[] = [];
  for (const message of turn.newMessages) {
    for (const part of message.parts) {
      if (part.type === 'tool-result') toolResults.push({ toolCallId: part.toolCallId, name: part.name, isError: part.isError === true });
    }
  }
  const errorMessage = turn.error?.message ?? turn.responseError?.message;
  return {
    id: turn.id,
    sessionId: turn.sessionId,
    parentId: turn.parentId,
    kind: turn.kind,
    state: turn.state,
    ...(turn.status !== undefined ? { status: turn.status } : {}),
    startedAt: turn.startedAt,
    ...(turn.firstByteAt !== undefined ? { firstByteAt: turn.firstByteAt } : {}),
    ...(turn.endedAt !== undefined ? { endedAt: turn.endedAt } : {}),
    ...(turn.model ? { model: turn.model } : {}),
    usage: turn.usage,
    costUsd: turn.cost?.usd ?? null,
    toolCalls,
    toolResults,
    ...(errorMessage ? { errorMessage } : {}),
  };
}

export type CallOutcome = 'ok' | 'in-flight' | 'failed' | 'aborted' | 'retry';

/** What a bar's tint says about a call. A retry that succeeded still reads as a retry: the run paid for two. */
export function callOutcome(call: FlowCall): CallOutcome {
  if (call.state === 'pending' || call.state === 'streaming') return 'in-flight';
  if (call.state === 'aborted') return 'aborted';
  if (call.state === 'error' || (call.status ?? 0) >= 400 || call.errorMessage) return 'failed';
  if (call.kind === 'retry') return 'retry';
  return 'ok';
}
