import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import type { ParsedExchange } from '../../../shared/normalized';
import { readTrace } from '../../helpers/fixtures';

interface NockRecord {
  scope: string;
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
  rawHeaders: Record<string, string>;
}

const records = readTrace('anthropic-sdk-ts_ToolRunner.nock.json') as NockRecord[];

function parseRecord(record: NockRecord): ParsedExchange {
  return parseExchange({
    method: record.method,
    url: record.scope.replace(/:443$/, '') + record.path,
    requestHeaders: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    requestBody: JSON.stringify(record.body),
    status: record.status,
    responseHeaders: record.rawHeaders,
    responseBody: JSON.stringify(record.response),
  });
}

describe('Anthropic SDK ToolRunner recording', () => {
  const parsed = records.map(parseRecord);

  it('parses every recorded pair without notes', () => {
    expect(parsed).toHaveLength(10);
    for (const p of parsed) {
      expect(p.api).toBe('anthropic-messages');
      expect(p.notes).toEqual([]);
      expect(p.response?.outputs[0].parts.length).toBeGreaterThan(0);
    }
  });

  it("normalizes request 2 as request 1's messages, response 1's output and the tool result", () => {
    const [first, second] = parsed;
    const call = first.response!.outputs[0].parts.find((p) => p.type === 'tool-call');
    expect(call).toEqual({ type: 'tool-call', id: 'toolu_011LF2VkWpAfJnTKJcmh1PNf', name: 'test_tool', arguments: { value: 'test' } });
    const toolResult = {
      role: 'user',
      parts: [{ type: 'tool-result', toolCallId: 'toolu_011LF2VkWpAfJnTKJcmh1PNf', content: [{ type: 'text', text: 'Tool result' }] }],
    };
    expect(second.request!.messages).toEqual([...first.request!.messages, ...first.response!.outputs, toolResult]);
  });

  it('continues every two-step tool loop the same way', () => {
    for (const i of [0, 2, 4]) {
      const [a, b] = [parsed[i], parsed[i + 1]];
      const history = [...a.request!.messages, ...a.response!.outputs];
      expect(b.request!.messages.slice(0, history.length)).toEqual(history);
      expect(b.request!.messages[history.length].parts[0].type).toBe('tool-result');
    }
  });

  it('reads tools, params and usage of a recorded request', () => {
    const first = parsed[0];
    expect(first.request!.tools).toEqual([
      {
        name: 'test_tool',
        description: 'A test tool',
        schema: expect.objectContaining({ type: 'object', required: ['value'] }),
      },
    ]);
    expect(first.request!.params).toEqual({ max_tokens: 1000 });
    expect(first.request!.stream).toBe(false);
    expect(first.response!.usage).toEqual({ inputTokens: 415, outputTokens: 76, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 491 });
    expect(first.response!.stopReason).toBe('tool-use');
  });
});
