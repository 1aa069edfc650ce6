import { describe, expect, it } from 'vitest';
import { createSessionIndex, placeAll, placeInteraction } from '../../../electron/core/sessions';
import { assistant, exchange, system, user } from './factories';

const sys = system('You are a helpful assistant.');
const q = user('What is the capital of France?');
const paris = assistant('The capital of France is Paris.');

describe('retries, regenerations and branches', () => {
  it('keeps a retried request in its session with the same parent as the failed attempt', () => {
    const index = createSessionIndex();
    placeInteraction(index, exchange({ id: 'a', at: 0, messages: [sys, q], answer: paris }));
    const next = [sys, q, paris, user('What is its population?')];
    expect(placeInteraction(index, exchange({ id: 'b', at: 2000, messages: next, status: 429 }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
    expect(placeInteraction(index, exchange({ id: 'c', at: 4000, messages: next, status: 529 }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'retry' });
    expect(placeInteraction(index, exchange({ id: 'd', at: 6000, messages: next, answer: assistant('About 2.1 million.') }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'retry' });
    // The conversation goes on from the attempt that answered.
    const after = [...next, assistant('About 2.1 million.'), user('And Lyon?')];
    expect(placeInteraction(index, exchange({ id: 'e', at: 9000, messages: after, answer: assistant('About 0.5 million.') }))).toEqual({ sessionId: 'a', parentId: 'd', kind: 'turn' });
  });

  it('keeps a retried first request in the session it would have opened', () => {
    const index = createSessionIndex();
    placeInteraction(index, exchange({ id: 'a', at: 0, messages: [sys, q], failed: true }));
    expect(placeInteraction(index, exchange({ id: 'b', at: 800, messages: [sys, q], answer: paris }))).toEqual({ sessionId: 'a', parentId: null, kind: 'retry' });
  });

  it('treats a repeat of a request that succeeded as a regeneration: a branch beside the original', () => {
    const index = createSessionIndex();
    placeInteraction(index, exchange({ id: 'a', at: 0, messages: [sys, q], answer: paris }));
    const next = [sys, q, paris, user('Tell me a fact about it.')];
    placeInteraction(index, exchange({ id: 'b', at: 2000, messages: next, answer: assistant('It has the Eiffel Tower.') }));
    expect(placeInteraction(index, exchange({ id: 'c', at: 5000, messages: next, answer: assistant('It hosted the 1900 Olympics.') }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'branch' });
  });

  it('branches from the interaction at the divergence when an earlier message is edited', () => {
    const index = createSessionIndex();
    const a2 = assistant('About 2.1 million.');
    placeInteraction(index, exchange({ id: 'a', at: 0, messages: [sys, q], answer: paris }));
    placeInteraction(index, exchange({ id: 'b', at: 2000, messages: [sys, q, paris, user('What is its population?')], answer: a2 }));
    placeInteraction(index, exchange({ id: 'c', at: 4000, messages: [sys, q, paris, user('What is its population?'), a2, user('And its area?')], answer: assistant('105 km².') }));
    expect(placeInteraction(index, exchange({ id: 'd', at: 8000, messages: [sys, q, paris, user('Which river runs through it?')], answer: assistant('The Seine.') }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'branch' });
  });

  it('gives two people with the same first exchange their own sessions, and each continuation its own', () => {
    const placements = placeAll([
      exchange({ id: 'x1', at: 0, messages: [sys, q], answer: paris, client: 'OpenAI/Python|10.0.0.21' }),
      exchange({ id: 'y1', at: 300, messages: [sys, q], answer: paris, client: 'OpenAI/Python|10.0.0.22' }),
      exchange({ id: 'y2', at: 5000, messages: [sys, q, paris, user('Which river runs through it?')], answer: assistant('The Seine.'), client: 'OpenAI/Python|10.0.0.22' }),
      exchange({ id: 'x2', at: 5200, messages: [sys, q, paris, user('What is its population?')], answer: assistant('2.1 million.'), client: 'OpenAI/Python|10.0.0.21' }),
    ]);
    expect(placements.get('y1')).toEqual({ sessionId: 'y1', parentId: null, kind: 'start' });
    expect(placements.get('x2')).toEqual({ sessionId: 'x1', parentId: 'x1', kind: 'turn' });
    expect(placements.get('y2')).toEqual({ sessionId: 'y1', parentId: 'y1', kind: 'turn' });
  });

  it('tells two runs of one script on one machine apart by which one is still open', () => {
    const placements = placeAll([
      exchange({ id: 'r1', at: 0, messages: [sys, q], answer: paris }),
      exchange({ id: 'r1b', at: 2000, messages: [sys, q, paris, user('Population?')], answer: assistant('2.1 million.') }),
      exchange({ id: 'r2', at: 60_000, messages: [sys, q], answer: paris }),
      exchange({ id: 'r2b', at: 62_000, messages: [sys, q, paris, user('Area?')], answer: assistant('105 km².') }),
    ]);
    expect(placements.get('r2')).toEqual({ sessionId: 'r2', parentId: null, kind: 'start' });
    expect(placements.get('r2b')).toEqual({ sessionId: 'r2', parentId: 'r2', kind: 'turn' });
  });
});

describe('explicit session ids', () => {
  it('groups one-shot calls that name the same session, whatever their content', () => {
    const hints = { 'header:helicone-session-id': 'sess-42' };
    const placements = placeAll([
      exchange({ id: 'a', at: 0, messages: [system('Classify.'), user('Ticket one')], answer: assistant('bug'), hints, api: 'openai-chat' }),
      exchange({ id: 'b', at: 1000, messages: [system('Classify.'), user('Ticket two')], answer: assistant('feature'), hints, api: 'openai-chat' }),
      exchange({ id: 'c', at: 2000, messages: [system('Classify.'), user('Ticket three')], answer: assistant('bug'), hints: { 'header:x-session-id': 'other' }, api: 'openai-chat' }),
    ]);
    expect(placements.get('b')).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
    expect(placements.get('c')?.sessionId).toBe('c');
  });

  it('does not merge conversations that share content but name different sessions', () => {
    const placements = placeAll([
      exchange({ id: 'a', at: 0, messages: [sys, q], answer: paris, hints: { 'header:x-session-id': 'one' } }),
      exchange({ id: 'b', at: 1000, messages: [sys, q, paris, user('More?')], answer: assistant('Sure.'), hints: { 'header:x-session-id': 'two' } }),
    ]);
    expect(placements.get('b')?.sessionId).toBe('b');
  });
});
