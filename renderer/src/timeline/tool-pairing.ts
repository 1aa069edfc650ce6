// Tool calls and their results live in different turns (the call in one answer, the result in the next request).
// This index lets the timeline show each result under its call.
import type { TurnView } from '../../../shared/api-contract';
import type { Part } from '../../../shared/normalized';

export type ToolResultPart = Extract<Part, { type: 'tool-result' }>;

export interface ToolPairing {
  resultFor(callId: string | undefined): ToolResultPart | undefined;
  /** True when the call a result answers is shown in an earlier turn's answer. */
  hasCall(callId: string | undefined): boolean;
}

export function pairTools(turns: TurnView[]): ToolPairing {
  const results = new Map<string, ToolResultPart>();
  const calls = new Set<string>();
  for (const turn of turns) {
    for (const message of turn.newMessages) {
      for (const part of message.parts) if (part.type === 'tool-result' && part.toolCallId) results.set(part.toolCallId, part);
    }
    for (const message of turn.outputs) {
      for (const part of message.parts) if (part.type === 'tool-call' && part.id) calls.add(part.id);
    }
  }
  return {
    resultFor: (id) => (id ? results.get(id) : undefined),
    hasCall: (id) => (id ? calls.has(id) : false),
  };
}
