import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { answered, exchange, URLS } from './factories';

function messagesOf(body: unknown, headers: Record<string, string> = {}) {
  const parsed = parseExchange({ ...exchange(URLS.anthropic, body), requestHeaders: { 'content-type': 'application/json', ...headers } });
  return parsed.request!;
}

const SYSTEM_TEXT = "You are Claude Code, Anthropic's official CLI for Claude.";

describe('Anthropic request normalization', () => {
  it('puts system blocks first as one system message, without cache_control', () => {
    const request = messagesOf({
      model: 'claude-sonnet-4-5',
      max_tokens: 32000,
      system: [
        { type: 'text', text: SYSTEM_TEXT, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Environment: linux', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(request.messages).toEqual([
      { role: 'system', parts: [{ type: 'text', text: SYSTEM_TEXT }, { type: 'text', text: 'Environment: linux' }] },
      { role: 'user', parts: [{ type: 'text', text: 'hello' }] },
    ]);
    expect(messagesOf({ system: SYSTEM_TEXT, messages: [] }).messages).toEqual([{ role: 'system', parts: [{ type: 'text', text: SYSTEM_TEXT }] }]);
  });

  it('compares a turn equal after its cache_control breakpoint moved and its string content became blocks', () => {
    const turn1 = messagesOf({
      messages: [
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>ctx</system-reminder>' }, { type: 'text', text: 'fix the bug', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: 'On it.' },
      ],
    });
    const turn2 = messagesOf({
      messages: [
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>ctx</system-reminder>' }, { type: 'text', text: 'fix the bug' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'On it.', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'thanks' },
      ],
    });
    expect(turn2.messages.slice(0, 2)).toEqual(turn1.messages);
  });

  it('turns tool_use, tool_result, thinking, redacted thinking and images into parts', () => {
    const request = messagesOf({
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'what is this?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Let me look.', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'EmwKAhgBEgy' },
            { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { path: '/a', limit: 10 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'file body' }], is_error: true, cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    const [image, text] = request.messages[0].parts;
    expect(image).toMatchObject({ type: 'image', mediaType: 'image/png', dataBytes: 8 });
    expect((image as { dataHash?: string }).dataHash).toMatch(/^[0-9a-f]{16}$/);
    expect(text).toEqual({ type: 'text', text: 'what is this?' });
    expect(request.messages[1].parts).toEqual([
      { type: 'thinking', text: 'Let me look.', signature: 'sig-1' },
      { type: 'thinking', text: '', encrypted: 'EmwKAhgBEgy', redacted: true },
      { type: 'tool-call', id: 'toolu_1', name: 'Read', arguments: { limit: 10, path: '/a' } },
    ]);
    expect(request.messages[2]).toEqual({
      role: 'user',
      parts: [{ type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'file body' }], isError: true }],
    });
  });

  it('keeps sampling and control fields as params, and nothing that is conversation', () => {
    const request = messagesOf({
      model: 'claude-opus-4-8',
      max_tokens: 1,
      temperature: 0.2,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tool_choice: { type: 'auto' },
      stop_sequences: ['\n\nHuman:'],
      system: 'x',
      stream: true,
      tools: [{ name: 'Bash', description: 'Run a command', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'quota' }],
    });
    expect(request.params).toEqual({
      max_tokens: 1,
      temperature: 0.2,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tool_choice: { type: 'auto' },
      stop_sequences: ['\n\nHuman:'],
    });
    expect(request.tools).toEqual([{ name: 'Bash', description: 'Run a command', schema: { type: 'object' } }]);
    expect(request.stream).toBe(true);
    expect(request.model).toBe('claude-opus-4-8');
  });

  it('collects session hints from metadata.user_id and the Claude Code header', () => {
    const session = '3f2b7c1e-8a4d-4e5f-9b6a-1c2d3e4f5a6b';
    const userId = `user_0a1b2c_account_11111111-2222-3333-4444-555555555555_session_${session}`;
    const request = messagesOf(
      { metadata: { user_id: userId }, messages: [{ role: 'user', content: 'hi' }] },
      { 'x-claude-code-session-id': session, 'x-stainless-retry-count': '0', 'x-request-id': 'req_1' },
    );
    expect(request.sessionHints).toEqual({
      'header:x-claude-code-session-id': session,
      'body:metadata.user_id': userId,
      'body:metadata.user_id.session': session,
    });
  });

  it('reads the session from a JSON-encoded user_id', () => {
    const userId = JSON.stringify({ device_id: 'dev-1', session_id: 'abc-123' });
    expect(messagesOf({ metadata: { user_id: userId }, messages: [] }).sessionHints).toEqual({
      'body:metadata.user_id': userId,
      'body:metadata.user_id.session': 'abc-123',
    });
  });

  it('reports an API error body with its type', () => {
    const parsed = parseExchange(
      answered(URLS.anthropic, { messages: [] }, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 529),
    );
    expect(parsed.response).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' }, stopReason: 'error', outputs: [] });
  });
});
