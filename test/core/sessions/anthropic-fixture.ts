// Reads the recorded Anthropic SDK traffic (nock fixture) into normalized interactions, the way the Anthropic
// adapter does: string content becomes a text part, tool_use/tool_result become tool parts, cache_control is gone.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Message, Part } from '../../../shared/normalized';
import type { ReconInteraction } from '../../../electron/core/sessions/recon-interaction';

type Block = Record<string, unknown>;

export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/traces/', import.meta.url));

function blocks(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content as Block[]) : [];
}

function part(block: Block): Part {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text) };
    case 'tool_use':
      return { type: 'tool-call', id: String(block.id), name: String(block.name), arguments: block.input };
    case 'tool_result':
      return { type: 'tool-result', toolCallId: String(block.tool_use_id), content: blocks(block.content).map(part) };
    case 'thinking':
      return { type: 'thinking', text: String(block.thinking ?? ''), signature: String(block.signature ?? '') };
    default:
      return { type: 'other', kind: String(block.type), raw: block };
  }
}

export function message(raw: { role: string; content: unknown }): Message {
  return { role: raw.role as Message['role'], parts: blocks(raw.content).map(part) };
}

export function loadToolRunnerFixture(clientKey = 'Anthropic/JS 0.69.0|127.0.0.1'): ReconInteraction[] {
  const entries = JSON.parse(readFileSync(`${FIXTURES}anthropic-sdk-ts_ToolRunner.nock.json`, 'utf8')) as Array<{
    body: Block & { messages: Array<{ role: string; content: unknown }>; system?: unknown; tools?: Block[] };
    status: number;
    response: Block & { content: unknown };
  }>;
  return entries.map((entry, i) => {
    const { messages, system, tools, model, stream, ...params } = entry.body;
    const normalized = messages.map(message);
    if (system) normalized.unshift({ role: 'system', parts: blocks(system).map(part) });
    return {
      id: `nock-${i}`,
      startedAt: 1_763_717_000_000 + i * 10_000,
      endedAt: 1_763_717_000_000 + i * 10_000 + 4_000,
      provider: 'anthropic',
      api: 'anthropic-messages',
      model: String(model),
      clientKey,
      status: entry.status,
      request: {
        model: String(model),
        messages: normalized,
        tools: tools?.map((t) => ({ name: String(t.name), description: t.description as string | undefined })),
        params,
        stream: stream === true,
        sessionHints: {},
      },
      response: {
        id: String(entry.response.id),
        model: String(entry.response.model),
        outputs: [message({ role: 'assistant', content: entry.response.content })],
        usage: {},
        stopReason: entry.response.stop_reason === 'tool_use' ? 'tool-use' : 'end',
        streamed: false,
      },
    };
  });
}
