import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { answered, exchange, URLS } from './factories';

function requestOf(body: unknown, headers: Record<string, string> = {}) {
  return parseExchange({ ...exchange(URLS.responses, body), requestHeaders: headers }).request!;
}

const userTurn = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is 12+7?' }] };

// What the server returned for turn 1, with the ids and statuses a replay drops.
const turn1Output = {
  id: 'resp_1',
  object: 'response',
  status: 'completed',
  model: 'gpt-5.1-codex-max',
  output: [
    { id: 'rs_1', type: 'reasoning', encrypted_content: 'gAAAAAenc', summary: [{ type: 'summary_text', text: '**Adding**' }] },
    { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'calculator', arguments: '{"a":12,"b":7,"op":"add"}' },
  ],
  usage: { input_tokens: 50, output_tokens: 20, total_tokens: 70 },
};

describe('Responses request normalization', () => {
  it('puts instructions first and reads string input, message shorthand and typed items alike', () => {
    const a = requestOf({ instructions: 'You are Codex.', input: 'hello' });
    const b = requestOf({ instructions: 'You are Codex.', input: [{ role: 'user', content: 'hello' }] });
    const c = requestOf({ instructions: 'You are Codex.', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] }] });
    expect(a.messages).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'You are Codex.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'hello' }] },
    ]);
    expect(b.messages).toEqual(a.messages);
    expect(c.messages).toEqual(a.messages);
  });

  it("normalizes a Codex replay (ids and status dropped) to turn 1's messages plus its output plus the tool output", () => {
    const turn1 = parseExchange(answered(URLS.responses, { instructions: 'You are Codex.', input: [userTurn] }, turn1Output));
    const turn2 = requestOf({
      instructions: 'You are Codex.',
      input: [
        userTurn,
        { type: 'reasoning', summary: [{ type: 'summary_text', text: '**Adding**' }], encrypted_content: 'gAAAAAenc' },
        { type: 'function_call', call_id: 'call_1', name: 'calculator', arguments: '{"op": "add", "a": 12, "b": 7}' },
        { type: 'function_call_output', call_id: 'call_1', output: '19' },
      ],
    });
    const toolMessage = { role: 'tool', parts: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '19' }] }] };
    expect(turn2.messages).toEqual([...turn1.request!.messages, ...turn1.response!.outputs, toolMessage]);
    expect(turn1.response!.outputs[0].parts).toEqual([
      { type: 'thinking', text: '**Adding**', encrypted: 'gAAAAAenc' },
      { type: 'tool-call', id: 'call_1', name: 'calculator', arguments: { a: 12, b: 7, op: 'add' } },
    ]);
    expect(turn1.response!.stopReason).toBe('tool-use');
  });

  it('equals a replay that still carries item ids and statuses', () => {
    const withIds = requestOf({ input: [userTurn, ...turn1Output.output] });
    const withoutIds = requestOf({
      input: [
        userTurn,
        { type: 'reasoning', encrypted_content: 'gAAAAAenc', summary: [{ type: 'summary_text', text: '**Adding**' }] },
        { type: 'function_call', call_id: 'call_1', name: 'calculator', arguments: '{"a":12,"b":7,"op":"add"}' },
      ],
    });
    expect(withIds.messages).toEqual(withoutIds.messages);
  });

  it('keeps previous_response_id for chained requests that send only new items', () => {
    const request = requestOf({
      model: 'gpt-5',
      previous_response_id: 'resp_1',
      input: [{ type: 'function_call_output', call_id: 'call_1', output: '19' }],
    });
    expect(request.previousResponseId).toBe('resp_1');
    expect(request.messages).toEqual([{ role: 'tool', parts: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '19' }] }] }]);
    expect(request.params).not.toHaveProperty('previous_response_id');
  });

  it('reads params, tools and session hints from body and headers', () => {
    const request = requestOf(
      {
        model: 'gpt-5-codex',
        instructions: 'x',
        input: [],
        stream: true,
        store: false,
        reasoning: { effort: 'medium', summary: 'auto' },
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: '0199a1b2-codex-conv',
        metadata: { run: 'r-7' },
        tools: [{ type: 'function', name: 'shell', description: 'Run a command', parameters: { type: 'object' } }, { type: 'web_search' }],
      },
      { session_id: '0199a1b2-codex-conv', originator: 'codex_cli_rs' },
    );
    expect(request.params).toEqual({
      store: false,
      reasoning: { effort: 'medium', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: '0199a1b2-codex-conv',
      metadata: { run: 'r-7' },
    });
    expect(request.tools).toEqual([{ name: 'shell', description: 'Run a command', schema: { type: 'object' } }, { name: 'web_search' }]);
    expect(request.sessionHints).toEqual({
      'header:session_id': '0199a1b2-codex-conv',
      'body:prompt_cache_key': '0199a1b2-codex-conv',
      'body:metadata.run': 'r-7',
    });
  });

  it('maps an incomplete response to a max-tokens stop', () => {
    const parsed = parseExchange(
      answered(URLS.responses, { input: 'long essay' }, { object: 'response', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] }),
    );
    expect(parsed.response!.stopReason).toBe('max-tokens');
    expect(parsed.response!.rawStopReason).toBe('max_output_tokens');
  });
});
