import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { dataSse, readWire } from '../../helpers/fixtures';
import { answered, streamed, URLS } from './factories';

const request = { model: 'gpt-4o-2024-08-06', stream: true, messages: [{ role: 'user', content: "What's the weather like in SF?" }] };

describe('OpenAI Chat Completions', () => {
  it('joins content deltas and reads usage from the trailing usage chunk', () => {
    const parsed = parseExchange(streamed(URLS.chat, request, readWire('openai-python_chat_stream_e2aad469b71d.sse')));
    expect(parsed.provider).toBe('openai');
    expect(parsed.api).toBe('openai-chat');
    const response = parsed.response!;
    expect(response.outputs).toEqual([
      {
        role: 'assistant',
        parts: [
          {
            type: 'text',
            text: "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or a weather app.",
          },
        ],
      },
    ]);
    expect(response.usage).toEqual({ inputTokens: 14, outputTokens: 30, reasoningTokens: 0, totalTokens: 44 });
    expect(response.stopReason).toBe('end');
    expect(response.rawStopReason).toBe('stop');
    expect(response.id).toBe('chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL');
    expect(response.incomplete).toBeUndefined();
    expect(parsed.model).toBe('gpt-4o-2024-08-06');
  });

  it('joins parallel tool-call argument fragments per index and parses them', () => {
    const response = parseExchange(streamed(URLS.chat, request, readWire('openai-python_chat_stream_f82268f2fefd.sse'))).response!;
    expect(response.outputs[0].parts).toEqual([
      { type: 'tool-call', id: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'GetWeatherArgs', arguments: { city: 'Edinburgh', country: 'GB', units: 'c' } },
      { type: 'tool-call', id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou', name: 'get_stock_price', arguments: { ticker: 'AAPL', exchange: 'NASDAQ' } },
    ]);
    expect(response.stopReason).toBe('tool-use');
    expect(response.usage).toMatchObject({ inputTokens: 149, outputTokens: 60, totalTokens: 209 });
  });

  it('gives n>1 interleaved choices one output each, in index order', () => {
    const response = parseExchange(streamed(URLS.chat, { ...request, n: 3 }, readWire('openai-python_chat_stream_a491adda08c3.sse'))).response!;
    expect(response.outputs.map((o) => o.parts)).toEqual([
      [{ type: 'text', text: '{"city":"San Francisco","temperature":65,"units":"f"}' }],
      [{ type: 'text', text: '{"city":"San Francisco","temperature":61,"units":"f"}' }],
      [{ type: 'text', text: '{"city":"San Francisco","temperature":59,"units":"f"}' }],
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 79, outputTokens: 42, totalTokens: 121 });
  });

  it('keeps a streamed refusal as the answer and reports a refusal stop', () => {
    const response = parseExchange(streamed(URLS.chat, request, readWire('openai-python_chat_stream_173417d55340.sse'))).response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: "I'm sorry, I can't assist with that request." }]);
    expect(response.stopReason).toBe('refusal');
    expect(response.rawStopReason).toBe('stop');
    expect(response.usage).toMatchObject({ inputTokens: 79, outputTokens: 11, totalTokens: 90 });
  });

  it('reads Azure chunks with an empty first chunk and no [DONE], as complete once the choice finished', () => {
    const parsed = parseExchange(streamed(URLS.azureChat, { stream: true, messages: [] }, dataSse(readWire('vercel-ai_azure-model-router.1.chunks.txt'))));
    expect(parsed.provider).toBe('azure-openai');
    expect(parsed.model).toBe('gpt-5-nano');
    const response = parsed.response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: 'Capital of Denmark.' }]);
    expect(response.id).toBe('chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt');
    expect(response.model).toBe('gpt-5-nano-2025-08-07');
    expect(response.usage).toEqual({ inputTokens: 15, outputTokens: 78, cacheReadTokens: 0, reasoningTokens: 64, totalTokens: 93 });
    expect(response.incomplete).toBeUndefined();
  });

  it('parses a non-streamed completion body', () => {
    const body = readWire('vercel-ai_openai-chat-text.json');
    const parsed = parseExchange(answered(URLS.chat, { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Invent a holiday' }] }, body));
    const response = parsed.response!;
    expect(response.streamed).toBe(false);
    const text = (response.outputs[0].parts[0] as { text: string }).text;
    expect(text.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(text.endsWith('inspiring individuals to look up and dream beyond our world.')).toBe(true);
    expect(response.usage).toEqual({ inputTokens: 16, outputTokens: 363, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 379 });
    expect(response.stopReason).toBe('end');
    expect(response.model).toBe('gpt-4.1-nano-2025-04-14');
    expect(parsed.model).toBe('gpt-4.1-nano');
  });

  it('gives the same response for a stream and for the equivalent non-streamed body', () => {
    const streamedResponse = parseExchange(streamed(URLS.chat, request, readWire('openai-python_chat_stream_f82268f2fefd.sse'))).response!;
    const body = {
      id: streamedResponse.id,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_JMW1whyEaYG438VE1OIflxA2', type: 'function', function: { name: 'GetWeatherArgs', arguments: '{"city": "Edinburgh", "country": "GB", "units": "c"}' } },
              { id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou', type: 'function', function: { name: 'get_stock_price', arguments: '{"ticker":"AAPL","exchange":"NASDAQ"}' } },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 149, completion_tokens: 60, total_tokens: 209, completion_tokens_details: { reasoning_tokens: 0 } },
    };
    const plain = parseExchange(answered(URLS.chat, { ...request, stream: false }, body)).response!;
    expect({ ...plain, streamed: true }).toEqual(streamedResponse);
  });

  it('marks a stream without [DONE] or finish_reason as incomplete, keeping the text so far', () => {
    const full = readWire('openai-python_chat_stream_e2aad469b71d.sse');
    const cut = full.slice(0, full.indexOf('"content":" San"'));
    const response = parseExchange(streamed(URLS.chat, request, cut.slice(0, cut.lastIndexOf('data:')))).response!;
    expect(response.incomplete).toBe(true);
    expect((response.outputs[0].parts[0] as { text: string }).text).toBe(
      "I'm unable to provide real-time weather updates. To get the current weather in",
    );
  });

  it('reads Groq usage from its x_groq envelope and reasoning deltas as thinking', () => {
    const chunk = (delta: unknown, extra: object = {}) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-g', model: 'qwen/qwen3-32b', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
    const body =
      chunk({ role: 'assistant', reasoning: 'Think' }) +
      chunk({ reasoning: 'ing.' }) +
      chunk({ content: 'Done.' }) +
      `data: ${JSON.stringify({ id: 'chatcmpl-g', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], x_groq: { usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } } })}\n\n` +
      'data: [DONE]\n\n';
    const response = parseExchange(streamed('https://api.groq.com/openai/v1/chat/completions', request, body)).response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'thinking', text: 'Thinking.' }, { type: 'text', text: 'Done.' }]);
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 4, totalTokens: 13 });
  });

  it('reports an HTTP error body as the response error', () => {
    const parsed = parseExchange(
      answered(URLS.chat, request, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, 429),
    );
    expect(parsed.response!.error).toEqual({ type: 'requests', message: 'Rate limit reached' });
    expect(parsed.response!.stopReason).toBe('error');
    expect(parsed.response!.outputs).toEqual([]);
  });
});
