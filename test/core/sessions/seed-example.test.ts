import { describe, expect, it } from 'vitest';
import { createSessionIndex, placeInteraction } from '../../../electron/core/sessions';
import { assistant, exchange, system, user } from './factories';

describe('the seed example', () => {
  it('places the follow-up question in the same session as a turn', () => {
    const index = createSessionIndex();
    const sys = system('You are a helpful assistant.');
    const q1 = user('What is the capital of France?');
    const a1 = assistant('The capital of France is Paris.');
    const first = exchange({ id: 'a', at: 0, messages: [sys, q1], answer: a1, api: 'openai-chat', provider: 'openai' });
    const second = exchange({
      id: 'b',
      at: 5_000,
      messages: [sys, q1, a1, user('What is its population?')],
      answer: assistant('About 2.1 million people live in Paris proper.'),
      api: 'openai-chat',
      provider: 'openai',
    });
    expect(placeInteraction(index, first)).toEqual({ sessionId: 'a', parentId: null, kind: 'start' });
    expect(placeInteraction(index, second)).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
  });
});
