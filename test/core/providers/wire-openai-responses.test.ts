import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import type { Part } from '../../../shared/normalized';
import { payloadLines, readWire, typedSse } from '../../helpers/fixtures';
import { answered, streamed, URLS } from './factories';

const request = { model: 'gpt-5.3-codex', stream: true, input: 'What are the AI headlines today?' };

function parseStream(payloads: string) {
  return parseExchange(streamed(URLS.responses, request, typedSse(payloads)));
}

/** The reasoning fixture holds four recorded responses back to back; each starts with response.created. */
function splitResponses(payloadText: string): string[] {
  const streams: string[][] = [];
  for (const line of payloadLines(payloadText)) {
    if ((JSON.parse(line) as { type: string }).type === 'response.created') streams.push([]);
    streams[streams.length - 1].push(line);
  }
  return streams.map((lines) => lines.join('\n'));
}

describe('OpenAI Responses', () => {
  it('collects the message items of a stream into one assistant message', () => {
    const parsed = parseStream(readWire('vercel-ai_openai-phase.1.chunks.txt'));
    expect(parsed.api).toBe('openai-responses');
    const response = parsed.response!;
    expect(response.outputs).toHaveLength(1);
    const texts = response.outputs[0].parts.map((p) => (p as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Got it — I’ll quickly check reliable, up-to-date sources for AI headlines/);
    expect(texts[0]).toHaveLength(153);
    expect(texts[1]).toMatch(/^Here are a few \*\*AI headlines for today \(Wednesday, February 25, 2026\)\*\*/);
    expect(response.usage).toEqual({ inputTokens: 7112, outputTokens: 463, cacheReadTokens: 3072, reasoningTokens: 64, totalTokens: 7575 });
    expect(response.stopReason).toBe('end');
    expect(response.id).toBe('resp_0a63f40a2632b74300699f8818e5648196a8fa657ae8091421');
    expect(parsed.streamEvents).toHaveLength(17);
  });

  it('parses a non-streamed response body the same way', () => {
    const response = parseExchange(answered(URLS.responses, { ...request, stream: false }, readWire('vercel-ai_openai-phase.1.json'))).response!;
    expect(response.streamed).toBe(false);
    expect(response.outputs[0].parts).toHaveLength(2);
    expect((response.outputs[0].parts[1] as { text: string }).text).toMatch(/^Here are some \*\*latest AI updates for today/);
    expect(response.usage).toEqual({ inputTokens: 7243, outputTokens: 423, cacheReadTokens: 3072, reasoningTokens: 58, totalTokens: 7666 });
    expect(response.model).toBe('gpt-5.3-codex');
  });

  it('keeps the reasoning summary and encrypted content, and parses function-call arguments', () => {
    const streams = splitResponses(readWire('vercel-ai_openai-reasoning-encrypted-content.1.chunks.txt'));
    expect(streams).toHaveLength(4);
    const first = parseStream(streams[0]).response!;
    const [thinking, call] = first.outputs[0].parts as [Extract<Part, { type: 'thinking' }>, Extract<Part, { type: 'tool-call' }>];
    expect(thinking.type).toBe('thinking');
    expect(thinking.text).toBe(
      "**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then multiply the result by 3, and finally multiply that by 10, reporting the final product.",
    );
    // The item's encrypted_content is re-issued by output_item.done; the final one is what a client replays.
    const completed = payloadLines(streams[0]).map((l) => JSON.parse(l)).find((e) => e.type === 'response.completed');
    expect(thinking.encrypted).toBe(completed.response.output[0].encrypted_content);
    expect(thinking.encrypted).toMatch(/^gAAAAA/);
    expect(call).toEqual({ type: 'tool-call', id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn', name: 'calculator', arguments: { a: 12, b: 7, op: 'add' } });
    expect(first.stopReason).toBe('tool-use');
    expect(first.usage).toMatchObject({ inputTokens: 134, outputTokens: 28, totalTokens: 162 });

    const calls = streams.slice(1, 3).map((s) => parseStream(s).response!.outputs[0].parts[0]);
    expect(calls).toEqual([
      { type: 'tool-call', id: 'call_Q6pW65MUgW9vF59BmItYGos3', name: 'calculator', arguments: { a: 19, b: 3, op: 'multiply' } },
      { type: 'tool-call', id: 'call_Zl5vIMnD7dVAjgU6FkhmiCZh', name: 'calculator', arguments: { a: 57, b: 10, op: 'multiply' } },
    ]);
    const last = parseStream(streams[3]).response!;
    expect(last.outputs[0].parts).toEqual([{ type: 'text', text: 'The final result is **570**.' }]);
    expect(last.stopReason).toBe('end');
    expect(last.usage).toMatchObject({ inputTokens: 299, outputTokens: 12, totalTokens: 311 });
  });

  it('builds output from item events when the terminal event never came', () => {
    const first = splitResponses(readWire('vercel-ai_openai-reasoning-encrypted-content.1.chunks.txt'))[0];
    const lines = payloadLines(first);
    const cut = lines.slice(0, lines.findIndex((l) => l.includes('"response.function_call_arguments.done"'))).join('\n');
    const parsed = parseStream(cut);
    const response = parsed.response!;
    expect(response.incomplete).toBe(true);
    expect(response.stopReason).toBeUndefined();
    const [thinking, call] = response.outputs[0].parts;
    expect(thinking).toMatchObject({ type: 'thinking', text: expect.stringMatching(/^\*\*Calculating step-by-step/) });
    expect(call).toMatchObject({ type: 'tool-call', name: 'calculator', arguments: { a: 12, b: 7, op: 'add' } });
  });

  it('reports a mid-stream error and response.failed as an error, not as a truncated stream', () => {
    const parsed = parseStream(readWire('vercel-ai_openai-error.1.chunks.txt'));
    const response = parsed.response!;
    expect(response.error?.type).toBe('insufficient_quota');
    expect(response.error?.message).toMatch(/^You exceeded your current quota/);
    expect(response.stopReason).toBe('error');
    expect(response.incomplete).toBeUndefined();
    expect(response.outputs).toEqual([{ role: 'assistant', parts: [] }]);
  });
});
