import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { dataSse, readWire } from '../../helpers/fixtures';
import { answered, streamed, URLS } from './factories';

const request = { contents: [{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }] };

function parseStream(body: string, contentType = 'text/event-stream') {
  return parseExchange(streamed(URLS.geminiStream, request, body, contentType));
}

describe('Gemini generateContent', () => {
  it('takes the model from the URL and joins streamed text, with the last cumulative usage', () => {
    const parsed = parseStream(dataSse(readWire('vercel-ai_google-text.chunks.txt'), '\r\n\r\n'));
    expect(parsed.provider).toBe('google');
    expect(parsed.api).toBe('gemini-generate');
    expect(parsed.model).toBe('gemini-3-pro-preview');
    expect(parsed.request!.stream).toBe(true);
    const response = parsed.response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y' }]);
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 23, reasoningTokens: 185, totalTokens: 217 });
    expect(response.stopReason).toBe('end');
    expect(response.rawStopReason).toBe('STOP');
    expect(response.id).toBe('bH6LaZW8Fp_3nsEPqtaSwQ4');
    expect(response.incomplete).toBeUndefined();
  });

  it('reads the reasoning recording with thoughts counted in usage', () => {
    const response = parseStream(dataSse(readWire('vercel-ai_google-reasoning.chunks.txt'), '\r\n\r\n')).response!;
    expect(response.outputs[0].parts).toEqual([
      { type: 'text', text: 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.' },
    ]);
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 29, reasoningTokens: 256, totalTokens: 294 });
  });

  it('reports a whole functionCall as a tool call and its STOP as tool use', () => {
    const response = parseStream(dataSse(readWire('vercel-ai_google-tool-call-gemini3.chunks.txt'), '\r\n\r\n')).response!;
    expect(response.outputs[0].parts).toEqual([{ type: 'tool-call', name: 'weather', arguments: { location: 'San Francisco' } }]);
    expect(response.stopReason).toBe('tool-use');
    expect(response.rawStopReason).toBe('STOP');
    expect(response.usage).toEqual({ inputTokens: 29, outputTokens: 15, reasoningTokens: 804, totalTokens: 848 });
  });

  it('parses a non-streamed body', () => {
    const parsed = parseExchange(answered(URLS.gemini, request, readWire('vercel-ai_google-text.json')));
    expect(parsed.request!.stream).toBe(false);
    const response = parsed.response!;
    expect(response.streamed).toBe(false);
    expect(response.outputs[0].parts).toEqual([
      { type: 'text', text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y." },
    ]);
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 28, reasoningTokens: 244, totalTokens: 281 });
  });

  it('accepts the three SSE event terminators in one stream', () => {
    const parsed = parseStream(readWire('js-genai_sse_mixed_delimiters.sse'));
    expect(parsed.streamEvents).toHaveLength(3);
    expect(parsed.response!.outputs[0].parts).toEqual([{ type: 'text', text: 'OneTwoThree' }]);
    expect(parsed.response!.usage).toEqual({ inputTokens: 8, outputTokens: 1, totalTokens: 9 });
  });

  it('reports an error sent as a bare JSON object without data: framing', () => {
    const errorChunk = readWire('js-genai_stream_error_chunk.json');
    const alone = parseStream(errorChunk).response!;
    expect(alone.error).toEqual({ type: 'INTERNAL', message: 'Internal error' });
    expect(alone.stopReason).toBe('error');

    const text = dataSse(readWire('vercel-ai_google-text.chunks.txt'), '\r\n\r\n').split('\r\n\r\n');
    const midStream = parseStream(`${text[0]}\r\n\r\n${errorChunk}`).response!;
    expect(midStream.error).toEqual({ type: 'INTERNAL', message: 'Internal error' });
    expect(midStream.stopReason).toBe('error');
    expect(midStream.outputs[0].parts).toEqual([{ type: 'text', text: 'There are **3**' }]);
  });

  it('reads streamGenerateContent without alt=sse, which answers one JSON array', () => {
    const chunks = readWire('vercel-ai_google-text.chunks.txt').trim().split('\n');
    const url = URLS.geminiStream.replace('?alt=sse', '');
    const response = parseExchange(streamed(url, request, `[${chunks.join(',\n')}]`, 'application/json')).response!;
    expect(response.streamed).toBe(true);
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y' }]);
  });

  it('marks a stream without any finishReason as incomplete', () => {
    const first = readWire('vercel-ai_google-text.chunks.txt').split('\n')[0];
    const response = parseStream(`data: ${first}\r\n\r\n`).response!;
    expect(response.incomplete).toBe(true);
    expect(response.outputs[0].parts).toEqual([{ type: 'text', text: 'There are **3**' }]);
  });
});
