// Small builders for normalized traffic, shaped like what the provider adapters hand to reconstruction.

import type { Api, Message, NormalizedRequest, NormalizedResponse, Part } from '../../../shared/normalized';
import type { ReconInteraction } from '../../../electron/core/sessions/recon-interaction';

export const text = (value: string): Part => ({ type: 'text', text: value });
export const call = (name: string, args: unknown, id?: string): Part => ({ type: 'tool-call', id, name, arguments: args });
export const result = (toolCallId: string | undefined, content: string): Part => ({
  type: 'tool-result',
  toolCallId,
  content: [text(content)],
});
export const thinking = (value: string): Part => ({ type: 'thinking', text: value, signature: 'sig' });

export const system = (...parts: Array<string | Part>): Message => ({ role: 'system', parts: parts.map(asPart) });
export const user = (...parts: Array<string | Part>): Message => ({ role: 'user', parts: parts.map(asPart) });
export const assistant = (...parts: Array<string | Part>): Message => ({ role: 'assistant', parts: parts.map(asPart) });
export const tool = (toolCallId: string, content: string): Message => ({ role: 'tool', parts: [result(toolCallId, content)] });

function asPart(part: string | Part): Part {
  return typeof part === 'string' ? text(part) : part;
}

export interface Exchange {
  id: string;
  at: number;
  messages: Message[];
  answer?: Message;
  model?: string;
  api?: Api;
  provider?: string;
  tools?: string[];
  params?: Record<string, unknown>;
  hints?: Record<string, string>;
  client?: string;
  status?: number;
  failed?: boolean;
  responseId?: string;
  previousResponseId?: string;
  durationMs?: number;
}

export function exchange(spec: Exchange): ReconInteraction {
  const request: NormalizedRequest = {
    model: spec.model ?? 'claude-sonnet-4-5',
    messages: spec.messages,
    tools: spec.tools?.map((name) => ({ name })),
    params: spec.params ?? { max_tokens: 4096 },
    stream: true,
    previousResponseId: spec.previousResponseId,
    sessionHints: spec.hints ?? {},
  };
  const failed = spec.failed || (spec.status !== undefined && spec.status >= 400);
  const response: NormalizedResponse | undefined =
    spec.answer && !failed
      ? { id: spec.responseId, outputs: [spec.answer], usage: {}, stopReason: 'end', streamed: true }
      : undefined;
  return {
    id: spec.id,
    startedAt: spec.at,
    endedAt: spec.at + (spec.durationMs ?? 1000),
    provider: spec.provider ?? 'anthropic',
    api: spec.api ?? 'anthropic-messages',
    model: request.model,
    request,
    response,
    status: spec.status ?? (failed ? undefined : 200),
    failed: spec.failed,
    clientKey: spec.client ?? 'claude-cli/2.0.14|127.0.0.1',
  };
}
