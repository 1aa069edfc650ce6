import { describe, expect, it } from 'vitest';
import { canonicalizeMessages, createSessionIndex, placeInteraction } from '../../../electron/core/sessions';
import type { Message } from '../../../shared/normalized';
import { assistant, call, exchange, system, text, thinking, tool, user } from './factories';

const hashes = (messages: Message[]) => canonicalizeMessages(messages).units.map((unit) => unit.hash);

describe('comparing echoed histories', () => {
  it('treats re-serialized tool arguments as the same call, string or object, any key order or spacing', () => {
    const original = [assistant(call('lookup', { query: 'paris', limit: 3 }, 'call_1'))];
    const echoed = [assistant(call('lookup', '{\n  "limit": 3,\n  "query": "paris"\n}', 'call_1'))];
    expect(hashes(echoed)).toEqual(hashes(original));
  });

  it('ignores null vs empty content, inserted empty assistant messages and dropped refusals or annotations', () => {
    const original = [user('hi'), assistant(call('f', { a: 1 }), { type: 'other', kind: 'annotations', raw: [] }), tool('c', 'ok')];
    const echoed = [user(text('hi')), assistant(text(''), call('f', '{"a":1}')), { role: 'assistant' as const, parts: [] }, tool('c', 'ok')];
    expect(hashes(echoed)).toEqual(hashes(original));
  });

  it('ignores whitespace at the ends, thinking blocks and Claude Code reminder blocks', () => {
    const original = [user('<system-reminder>\ntodo: none\n</system-reminder>', 'Fix the bug'), assistant(thinking('hmm'), 'Done.')];
    const echoed = [user('Fix the bug  \n'), assistant('Done.\n')];
    expect(hashes(echoed)).toEqual(hashes(original));
  });

  it('keeps the system prompt out of the history chain but in the instructions identity', () => {
    const a = canonicalizeMessages([system('mode A'), user('q')]);
    const b = canonicalizeMessages([system('mode B'), user('q')]);
    expect(a.units).toEqual(b.units);
    expect(a.instructionsHash).not.toBe(b.instructionsHash);
  });

  it('continues a chat whose client echoed the answer with every quirk at once', () => {
    const index = createSessionIndex();
    const sys = system('You are helpful.');
    const q = user('Weather in Paris?');
    const answer = assistant(call('weather', { city: 'Paris', unit: 'C' }, 'call_9'));
    placeInteraction(index, exchange({ id: 'a', at: 0, messages: [sys, q], answer, api: 'openai-chat', client: 'py' }));
    const echoed: Message[] = [sys, q, assistant(text(''), call('weather', '{"unit": "C", "city": "Paris"}', 'call_9')), { role: 'assistant', parts: [] }, tool('call_9', '18°C and sunny')];
    expect(placeInteraction(index, exchange({ id: 'b', at: 3000, messages: echoed, answer: assistant('It is 18°C.'), api: 'openai-chat', client: 'py' }))).toEqual({
      sessionId: 'a',
      parentId: 'a',
      kind: 'turn',
    });
  });
});
