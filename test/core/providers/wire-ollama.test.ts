import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { curlBodyFromMarkdown, ndjsonFromMarkdown, readWire } from '../../helpers/fixtures';
import { streamed, URLS } from './factories';

describe('Ollama native API', () => {
  it('reads a streamed chat with a complete tool call and the counts of the final line', () => {
    const doc = readWire('ollama_docs_api_chat_streaming_with_tools.md');
    const parsed = parseExchange(streamed(URLS.ollamaChat, curlBodyFromMarkdown(doc), ndjsonFromMarkdown(doc), 'application/x-ndjson'));
    expect(parsed.provider).toBe('ollama');
    expect(parsed.api).toBe('ollama-chat');
    expect(parsed.model).toBe('llama3.2');
    expect(parsed.request!.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'what is the weather in tokyo?' }] }]);
    expect(parsed.request!.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Get the weather in a given city',
        schema: {
          type: 'object',
          properties: { city: { type: 'string', description: 'The city to get the weather for' } },
          required: ['city'],
        },
      },
    ]);
    const response = parsed.response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'tool-call', name: 'get_weather', arguments: { city: 'Tokyo' } }]);
    expect(response.stopReason).toBe('tool-use');
    expect(response.rawStopReason).toBe('stop');
    expect(response.usage).toEqual({ inputTokens: 169, outputTokens: 15, totalTokens: 184 });
    expect(parsed.streamEvents).toHaveLength(2);
  });

  it('joins generate deltas until done', () => {
    const parsed = parseExchange(
      streamed(URLS.ollamaGenerate, { model: 'gemma4', prompt: 'Why is the sky blue?' }, readWire('ollama_docs_streaming_generate.ndjson'), 'application/x-ndjson'),
    );
    expect(parsed.request!.stream).toBe(true);
    expect(parsed.request!.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'Why is the sky blue?' }] }]);
    const response = parsed.response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: "That's a fantastic question!" }]);
    expect(response.stopReason).toBe('end');
    expect(response.incomplete).toBeUndefined();
  });

  it('reports an {"error"} line mid-stream and keeps the text before it', () => {
    const response = parseExchange(
      streamed(URLS.ollamaGenerate, { model: 'gemma4', prompt: 'Is it?' }, readWire('ollama_docs_midstream_error.ndjson'), 'application/x-ndjson'),
    ).response!;
    expect(response.error).toEqual({ message: 'an error was encountered while running the model' });
    expect(response.stopReason).toBe('error');
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: ' Yes.Ican' }]);
    expect(response.incomplete).toBeUndefined();
  });

  it('recognises NDJSON without a content type and marks a stream without done:true incomplete', () => {
    const lines = readWire('ollama_docs_streaming_generate.ndjson').split('\n').slice(0, 3).join('\n');
    const parsed = parseExchange({ ...streamed(URLS.ollamaGenerate, { model: 'gemma4', prompt: 'q' }, lines), responseHeaders: {} });
    expect(parsed.response!.streamed).toBe(true);
    expect(parsed.response!.incomplete).toBe(true);
    expect(parsed.response!.outputs[0].parts).toEqual([{ type: 'text', text: "That's" }]);
  });
});
