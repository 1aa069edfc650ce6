import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import type { Part } from '../../../shared/normalized';
import { readWire, typedSse } from '../../helpers/fixtures';
import { streamed, URLS } from './factories';

const request = { model: 'claude-opus-4-8', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'hi' }] };

function parseSse(body: string) {
  return parseExchange(streamed(URLS.anthropic, request, body));
}

function partsOfType<T extends Part['type']>(parts: Part[] | undefined, type: T): Extract<Part, { type: T }>[] {
  return (parts ?? []).filter((p): p is Extract<Part, { type: T }> => p.type === type);
}

describe('Anthropic Messages streams', () => {
  it('joins text deltas and merges usage from message_start and message_delta', () => {
    const parsed = parseSse(readWire('anthropic-ts_basic_response.txt'));
    expect(parsed.provider).toBe('anthropic');
    expect(parsed.api).toBe('anthropic-messages');
    expect(parsed.endpoint).toBe('/v1/messages');
    const response = parsed.response!;
    expect(response.outputs).toEqual([{ role: 'assistant', parts: [{ type: 'text', text: 'Hello there!' }] }]);
    expect(response.id).toBe('msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK');
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 6, totalTokens: 17 });
    expect(response.stopReason).toBe('end');
    expect(response.rawStopReason).toBe('end_turn');
    expect(response.streamed).toBe(true);
    expect(response.incomplete).toBeUndefined();
    expect(parsed.streamEvents).toHaveLength(9);
    expect(parsed.notes).toEqual([]);
  });

  it('assembles a tool call from input_json_delta fragments into parsed arguments', () => {
    const response = parseSse(readWire('anthropic-ts_tool_use_response.txt')).response!;
    expect(response.outputs[0].parts).toEqual([
      { type: 'text', text: "I'll check the current weather in Paris for you." },
      { type: 'tool-call', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', name: 'get_weather', arguments: { location: 'Paris' } },
    ]);
    expect(response.stopReason).toBe('tool-use');
    expect(response.usage).toMatchObject({ inputTokens: 377, outputTokens: 65, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });

  it('keeps unfinished tool arguments as text and says so when max_tokens cut them', () => {
    const parsed = parseSse(readWire('anthropic-ts_incomplete_partial_json_response.txt'));
    const response = parsed.response!;
    const [text] = partsOfType(response.outputs[0].parts, 'text');
    expect(text.text).toBe(
      "I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file called taxes.txt. Let me do that for you now.",
    );
    const [call] = partsOfType(response.outputs[0].parts, 'tool-call');
    expect(call.name).toBe('make_file');
    expect(typeof call.arguments).toBe('string');
    expect(call.arguments as string).toMatch(/^\{"filename": "taxes.txt", "lines_of_text": \[/);
    expect(call.arguments as string).toMatch(/Filing taxes$/);
    expect(response.stopReason).toBe('max-tokens');
    expect(response.usage).toMatchObject({ inputTokens: 450, outputTokens: 124 });
    expect(parsed.notes.some((n) => n.includes('make_file') && n.includes('not complete JSON'))).toBe(true);
  });

  it('keeps thinking with its signature and maps a refusal stop', () => {
    const response = parseSse(readWire('anthropic-ts_stream-a-refusal.sse')).response!;
    const [thinking] = partsOfType(response.outputs[0].parts, 'thinking');
    expect(thinking.text).toBe(
      'Simple educational question about what a solar eclipse is. This is benign general knowledge — definitions are fine. Also the user called me "claudius" — I\'m Claude. Minor correction or just roll with it politely.',
    );
    expect(thinking.signature).toBe('c3ludGhldGljLXNpZ25hdHVyZS1maXh0dXJlLWEtbm90LWEtcmVhbC1zaWduYXR1cmU=');
    expect(partsOfType(response.outputs[0].parts, 'text')).toEqual([{ type: 'text', text: 'Hi' }]);
    expect(response.stopReason).toBe('refusal');
    expect(response.usage).toMatchObject({ inputTokens: 28, outputTokens: 106, reasoningTokens: 67 });
  });

  it('represents server tool use and its result block', () => {
    const response = parseSse(readWire('anthropic-ts_stream-a-toolrefusal.sse')).response!;
    const [call] = partsOfType(response.outputs[0].parts, 'tool-call');
    expect(call).toEqual({
      type: 'tool-call',
      id: 'srvtoolu_fixture_a_0001',
      name: 'web_search',
      arguments: { query: 'solar eclipse viewing safety news 2026' },
    });
    const [result] = partsOfType(response.outputs[0].parts, 'tool-result');
    expect(result.toolCallId).toBe('srvtoolu_fixture_a_0001');
    expect(result.content.length).toBeGreaterThan(0);
    expect(partsOfType(response.outputs[0].parts, 'text')[0].text).toBe("Here's a summary of this year's solar eclipses and how");
    expect(response.stopReason).toBe('refusal');
  });

  it('assembles a long text answer from the fallback stream', () => {
    const response = parseSse(readWire('anthropic-ts_stream-b-fallback.sse')).response!;
    const text = partsOfType(response.outputs[0].parts, 'text')[0].text;
    expect(text.startsWith(' there! Happy to explain.\n\n**Solar eclipses** happen')).toBe(true);
    expect(text.endsWith("Just let me know what's sparking your interest!")).toBe(true);
    expect(response.usage).toMatchObject({ inputTokens: 31, outputTokens: 547, reasoningTokens: 0 });
    expect(response.stopReason).toBe('end');
  });

  it('parses payload-only recordings once re-framed with event names', () => {
    const response = parseSse(typedSse(readWire('vercel-ai_anthropic-text.chunks.txt'))).response!;
    expect(response.outputs[0].parts).toEqual([
      { type: 'text', text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" },
    ]);
    expect(response.model).toBe('claude-sonnet-4-5-20250929');
    expect(response.usage).toEqual({ inputTokens: 12, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 42 });
  });

  it('keeps an empty final thinking delta from erasing the thinking text', () => {
    const response = parseSse(typedSse(readWire('vercel-ai_anthropic-clear-thinking.1.chunks.txt'))).response!;
    const [thinking, text] = response.outputs[0].parts;
    expect(thinking).toMatchObject({ type: 'thinking', text: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185' });
    expect((thinking as { signature?: string }).signature).toMatch(/^EvQBCkYICxgC/);
    expect(text).toEqual({ type: 'text', text: '925 ÷ 5 = 185' });
    expect(response.usage).toMatchObject({ inputTokens: 69, outputTokens: 53 });
  });

  it('marks a stream cut before message_stop as incomplete and keeps what arrived', () => {
    const full = readWire('anthropic-ts_basic_response.txt');
    const cut = full.slice(0, full.indexOf('event: content_block_stop'));
    const parsed = parseSse(cut);
    expect(parsed.response!.incomplete).toBe(true);
    expect(parsed.response!.outputs[0].parts).toEqual([{ type: 'text', text: 'Hello there!' }]);
    expect(parsed.response!.stopReason).toBeUndefined();
    expect(parsed.notes).toContain('stream ended without its terminal event');
  });

  it('reports an error event mid-stream as the response error', () => {
    const full = readWire('anthropic-ts_basic_response.txt');
    const body =
      full.slice(0, full.indexOf('event: content_block_stop')) +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const response = parseSse(body).response!;
    expect(response.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(response.stopReason).toBe('error');
    expect(response.incomplete).toBeUndefined();
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: 'Hello there!' }]);
  });

  it('marks an aborted stream incomplete even though the events so far parse', () => {
    const parsed = parseExchange({ ...streamed(URLS.anthropic, request, readWire('anthropic-ts_basic_response.txt')), aborted: true });
    expect(parsed.response!.incomplete).toBe(true);
    expect(parsed.response!.outputs[0].parts).toEqual([{ type: 'text', text: 'Hello there!' }]);
  });
});
