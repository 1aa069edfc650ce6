import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { answered, exchange, URLS } from './factories';

function requestOf(body: unknown, headers: Record<string, string> = {}) {
  return parseExchange({ ...exchange(URLS.chat, body), requestHeaders: headers }).request!;
}

describe('Chat Completions request normalization', () => {
  it('keeps system and developer messages first and reads user content as text parts either way', () => {
    const request = requestOf({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Weather in Oslo?', name: 'alice' },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'developer', parts: [{ type: 'text', text: 'Use metric units.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'Weather in Oslo?' }], name: 'alice' },
    ]);
  });

  it('compares an echoed assistant tool call equal despite null vs empty content and re-serialized arguments', () => {
    const original = {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo","units":"c"}' } }],
    };
    const echoed = {
      role: 'assistant',
      content: '',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{\n  "units": "c",\n  "city": "Oslo"\n}' } }],
    };
    const a = requestOf({ messages: [original] }).messages;
    const b = requestOf({ messages: [echoed] }).messages;
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a[0].parts).toEqual([{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo', units: 'c' } }]);
  });

  it('gives a completion output that equals its echo in the next request', () => {
    const first = parseExchange(
      answered(URLS.chat, { messages: [{ role: 'user', content: 'Oslo?' }] }, {
        id: 'chatcmpl-1',
        model: 'gpt-4o',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Cold.', refusal: null, annotations: [] } }],
      }),
    );
    const next = requestOf({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Oslo?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Cold.' }] },
        { role: 'user', content: 'And Rome?' },
      ],
    });
    expect(next.messages.slice(0, 2)).toEqual([...first.request!.messages, ...first.response!.outputs]);
  });

  it('turns role:tool messages into tool results and keeps images as metadata only', () => {
    const request = requestOf({
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":-3}' },
        { role: 'assistant', content: 'Hmm', reasoning_content: 'It is winter.' },
      ],
    });
    const [inline, remote] = request.messages[0].parts;
    expect(inline).toMatchObject({ type: 'image', mediaType: 'image/jpeg', dataBytes: 10 });
    expect(inline).not.toHaveProperty('url');
    expect(remote).toEqual({ type: 'image', url: 'https://example.com/cat.png' });
    expect(request.messages[1]).toEqual({ role: 'tool', parts: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '{"temp":-3}' }] }] });
    expect(request.messages[2].parts).toEqual([{ type: 'thinking', text: 'It is winter.' }, { type: 'text', text: 'Hmm' }]);
  });

  it('keeps params and tools apart from messages', () => {
    const request = requestOf({
      model: 'gpt-5',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      max_completion_tokens: 200,
      reasoning_effort: 'low',
      tool_choice: 'auto',
      user: 'user-42',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Find a fact', parameters: { type: 'object', properties: {} } } }],
    });
    expect(request.params).toEqual({
      stream_options: { include_usage: true },
      temperature: 0,
      max_completion_tokens: 200,
      reasoning_effort: 'low',
      tool_choice: 'auto',
      user: 'user-42',
    });
    expect(request.tools).toEqual([{ name: 'lookup', description: 'Find a fact', schema: { type: 'object', properties: {} } }]);
    expect(request.stream).toBe(true);
    expect(request.sessionHints).toEqual({ 'body:user': 'user-42' });
  });

  it('takes session ids from headers such as helicone-session-id and x-session-id', () => {
    const request = requestOf({ messages: [] }, { 'Helicone-Session-Id': 'hs-1', 'x-session-id': 'xs-1', 'x-request-id': 'nope' });
    expect(request.sessionHints).toEqual({ 'header:helicone-session-id': 'hs-1', 'header:x-session-id': 'xs-1' });
  });
});
