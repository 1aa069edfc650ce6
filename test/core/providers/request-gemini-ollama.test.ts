import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { answered, exchange, URLS } from './factories';

describe('Gemini request normalization', () => {
  const turn1Request = {
    systemInstruction: { parts: [{ text: 'You are a weather bot.' }] },
    contents: [{ role: 'user', parts: [{ text: 'Weather in SF?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] }],
    tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get weather', parameters: { type: 'OBJECT' } }] }, { googleSearch: {} }],
    generationConfig: { temperature: 0.1, thinkingConfig: { includeThoughts: true } },
  };
  const turn1Response = {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Checking the forecast.', thought: true, thoughtSignature: 'sig-a' },
            { functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: 'sig-b' },
          ],
        },
        finishReason: 'STOP',
      },
    ],
    usageMetadata: { promptTokenCount: 29, candidatesTokenCount: 15, cachedContentTokenCount: 4, thoughtsTokenCount: 10, totalTokenCount: 54 },
  };

  it('reads system instruction, contents, tools and generation config', () => {
    const parsed = parseExchange(answered(URLS.gemini, turn1Request, turn1Response));
    const request = parsed.request!;
    expect(request.messages[0]).toEqual({ role: 'system', parts: [{ type: 'text', text: 'You are a weather bot.' }] });
    expect(request.messages[1].parts[1]).toMatchObject({ type: 'image', mediaType: 'image/png', dataBytes: 8 });
    expect(request.tools).toEqual([{ name: 'weather', description: 'Get weather', schema: { type: 'OBJECT' } }, { name: 'googleSearch' }]);
    expect(request.params).toEqual({ generationConfig: { temperature: 0.1, thinkingConfig: { includeThoughts: true } } });
    expect(parsed.response!.usage).toEqual({ inputTokens: 29, outputTokens: 15, cacheReadTokens: 4, reasoningTokens: 10, totalTokens: 54 });
    expect(parsed.response!.outputs[0].parts).toEqual([
      { type: 'thinking', text: 'Checking the forecast.', signature: 'sig-a' },
      { type: 'tool-call', name: 'weather', arguments: { location: 'San Francisco' } },
    ]);
  });

  it('compares the echoed model turn equal to the response and reads the function response', () => {
    const turn1 = parseExchange(answered(URLS.gemini, turn1Request, turn1Response));
    const turn2 = parseExchange(
      exchange(URLS.gemini, {
        ...turn1Request,
        contents: [
          ...turn1Request.contents,
          turn1Response.candidates[0].content,
          { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temp: 18 } } }] },
        ],
      }),
    ).request!;
    expect(turn2.messages.slice(0, 3)).toEqual([...turn1.request!.messages, ...turn1.response!.outputs]);
    expect(turn2.messages[3]).toEqual({
      role: 'user',
      parts: [{ type: 'tool-result', name: 'weather', content: [{ type: 'other', kind: 'json', raw: { temp: 18 } }] }],
    });
  });

  it('maps a safety stop and a prompt block to content-filter', () => {
    const safety = parseExchange(answered(URLS.gemini, turn1Request, { candidates: [{ content: { parts: [] }, finishReason: 'SAFETY' }] })).response!;
    expect(safety.stopReason).toBe('content-filter');
    const blocked = parseExchange(answered(URLS.gemini, turn1Request, { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } })).response!;
    expect(blocked.stopReason).toBe('content-filter');
    expect(blocked.rawStopReason).toBe('PROHIBITED_CONTENT');
  });
});

describe('Ollama request normalization', () => {
  it('reads chat messages with images, thinking, tool calls and tool results', () => {
    const request = parseExchange(
      exchange(URLS.ollamaChat, {
        model: 'qwen3',
        think: true,
        options: { temperature: 0.7, num_ctx: 8192 },
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Describe it', images: ['iVBORw0KGgo='] },
          { role: 'assistant', content: '', thinking: 'Need the weather.', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
          { role: 'tool', tool_name: 'get_weather', content: '11 degrees' },
        ],
        stream: false,
      }),
    ).request!;
    expect(request.stream).toBe(false);
    expect(request.params).toEqual({ think: true, options: { temperature: 0.7, num_ctx: 8192 } });
    expect(request.messages[1].parts[1]).toMatchObject({ type: 'image', dataBytes: 8 });
    expect(request.messages[2].parts).toEqual([
      { type: 'thinking', text: 'Need the weather.' },
      { type: 'tool-call', name: 'get_weather', arguments: { city: 'Tokyo' } },
    ]);
    expect(request.messages[3]).toEqual({ role: 'tool', parts: [{ type: 'tool-result', name: 'get_weather', content: [{ type: 'text', text: '11 degrees' }] }] });
  });

  it('reads a generate prompt with its system string, and a non-streamed answer with counts', () => {
    const parsed = parseExchange(
      answered(URLS.ollamaGenerate, { model: 'gemma4', system: 'Poet.', prompt: 'Sky?', stream: false }, {
        model: 'gemma4',
        response: 'Blue.',
        done: true,
        done_reason: 'length',
        prompt_eval_count: 12,
        eval_count: 3,
      }),
    );
    expect(parsed.request!.messages).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'Poet.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'Sky?' }] },
    ]);
    expect(parsed.response).toMatchObject({
      outputs: [{ role: 'assistant', parts: [{ type: 'text', text: 'Blue.' }] }],
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
      stopReason: 'max-tokens',
      streamed: false,
    });
  });
});
