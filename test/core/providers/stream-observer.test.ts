import { describe, expect, it } from 'vitest';
import { createStreamObserver, detectEndpoint, parseExchange, type EndpointInfo } from '../../../electron/core/providers';
import { dataSse, readWire, typedSse } from '../../helpers/fixtures';
import { streamed, URLS } from './factories';

function info(url: string): EndpointInfo {
  const detected = detectEndpoint('POST', url, {});
  if (!detected) throw new Error(`not an endpoint: ${url}`);
  return detected;
}

function observe(url: string, contentType: string, body: string, chunkSize: number) {
  const observer = createStreamObserver(info(url), contentType);
  let text = '';
  let events = 0;
  for (let i = 0; i < body.length; i += chunkSize) {
    const out = observer.push(body.slice(i, i + chunkSize));
    text += out.textDelta;
    events += out.events;
  }
  return { text, events };
}

describe('createStreamObserver', () => {
  it.each([1, 3, 17, 4096])('reassembles Anthropic text from chunks of %i characters', (size) => {
    expect(observe(URLS.anthropic, 'text/event-stream', readWire('anthropic-ts_basic_response.txt'), size)).toEqual({ text: 'Hello there!', events: 9 });
  });

  it('streams thinking before text for Anthropic', () => {
    const { text } = observe(URLS.anthropic, 'text/event-stream', typedSse(readWire('vercel-ai_anthropic-clear-thinking.1.chunks.txt')), 50);
    expect(text).toBe('The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185925 ÷ 5 = 185');
  });

  it('gives the same text live as the final parse for Chat Completions', () => {
    const body = readWire('openai-python_chat_stream_e2aad469b71d.sse');
    const final = parseExchange(streamed(URLS.chat, { stream: true, messages: [] }, body)).response!;
    expect(observe(URLS.chat, 'text/event-stream', body, 13).text).toBe((final.outputs[0].parts[0] as { text: string }).text);
  });

  it('handles \\r\\n split across chunks in Gemini streams', () => {
    const body = dataSse(readWire('vercel-ai_google-text.chunks.txt'), '\r\n\r\n');
    for (const size of [1, 2, 5]) {
      expect(observe(URLS.geminiStream, 'text/event-stream', body, size)).toEqual({
        text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
        events: 3,
      });
    }
    expect(observe(URLS.geminiStream, 'text/event-stream', readWire('js-genai_sse_mixed_delimiters.sse'), 1).text).toBe('OneTwoThree');
  });

  it('includes reasoning summaries and output text for Responses', () => {
    const lines = readWire('vercel-ai_openai-reasoning-encrypted-content.1.chunks.txt').split('\n');
    const firstResponse = lines.slice(0, lines.findIndex((l, i) => i > 0 && l.includes('"type":"response.created"'))).join('\n');
    const { text } = observe(URLS.responses, 'text/event-stream', typedSse(firstResponse), 64);
    expect(text).toBe(
      "**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then multiply the result by 3, and finally multiply that by 10, reporting the final product.",
    );
  });

  it('splits NDJSON lines across chunks for Ollama', () => {
    expect(observe(URLS.ollamaGenerate, 'application/x-ndjson', readWire('ollama_docs_streaming_generate.ndjson'), 7)).toEqual({
      text: "That's a fantastic question!",
      events: 7,
    });
  });

  it('follows a 20,000-event stream delivered in small chunks', () => {
    const event = (i: number) => `data: {"choices":[{"index":0,"delta":{"content":"token${i} "}}]}\n\n`;
    const body = Array.from({ length: 20_000 }, (_, i) => event(i)).join('');
    const { events, text } = observe(URLS.chat, 'text/event-stream', body, 1500);
    expect(events).toBe(20_000);
    expect(text.startsWith('token0 token1 ')).toBe(true);
    expect(text.endsWith('token19999 ')).toBe(true);
  });
});
