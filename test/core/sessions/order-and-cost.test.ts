import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSessionIndex, describeCost, placeAll, placeInteraction } from '../../../electron/core/sessions';
import type { ReconInteraction } from '../../../electron/core/sessions';
import type { Placement } from '../../../shared/session';
import { generateCorpus } from '../../corpus/generate-corpus';
import type { Message } from '../../../shared/normalized';
import { assistant, call, exchange, result, system, user } from './factories';

/** Sessions as sets of interaction ids with their parents: what must not depend on order or interleaving. */
function shape(placements: Map<string, Placement>): string[] {
  const sessions = new Map<string, string[]>();
  for (const [id, p] of placements) {
    const key = p.sessionId;
    if (!sessions.has(key)) sessions.set(key, []);
    sessions.get(key)!.push(`${id}<${p.parentId ?? '-'}:${p.kind}:${p.link ? `${p.link.relation}@${p.link.parentSessionId}` : ''}`);
  }
  return [...sessions.values()].map((members) => members.sort().join(' ')).sort();
}

/** A live proxy: requests placed as they start, answers registered as they end, in time order. */
function placeLive(interactions: ReconInteraction[]): Map<string, Placement> {
  const index = createSessionIndex();
  const events = interactions.flatMap((x) => [
    { at: x.startedAt, phase: 1, x },
    { at: x.endedAt ?? x.startedAt, phase: 0, x },
  ]);
  events.sort((a, b) => a.at - b.at || a.phase - b.phase || (a.x.id < b.x.id ? -1 : 1));
  for (const { phase, x } of events) {
    if (phase === 1) placeInteraction(index, { ...x, response: undefined, status: undefined });
    else index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
  }
  return new Map(interactions.map((x) => [x.id, index.getPlacement(x.id)!]));
}

const corpus = generateCorpus(11, { scale: 1 }).map((item) => item.interaction);
const byCompletion = [...corpus].sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));

describe('order of arrival', () => {
  it('gives the same sessions for start order, completion order and live placement', () => {
    const fromStart = placeAll(corpus);
    expect(shape(placeAll(byCompletion))).toEqual(shape(fromStart));
    expect(shape(placeLive(corpus))).toEqual(shape(fromStart));
  });

  it('gives the same sessions for any shuffle of an import', () => {
    const expected = shape(placeAll(corpus));
    fc.assert(
      fc.property(fc.shuffledSubarray(corpus, { minLength: corpus.length, maxLength: corpus.length }), (shuffled) => {
        expect(shape(placeAll(shuffled))).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same sessions for any interleaving in time of independent conversations', () => {
    const conversation = (tag: string, turns: number): ReconInteraction[] => {
      const sys = system(`Assistant ${tag}.`);
      const items: ReconInteraction[] = [];
      let history = [sys];
      for (let t = 0; t < turns; t++) {
        history = [...history, user(t === 0 ? 'What is the capital of France?' : `Question ${t} from ${tag}`)];
        const answer = assistant(t === 0 ? 'The capital of France is Paris.' : `Answer ${t} for ${tag}`);
        items.push(exchange({ id: `${tag}-${t}`, at: t * 10_000, messages: history, answer, client: `client-${tag}` }));
        history = [...history, answer];
      }
      return items;
    };
    const sessions = ['a', 'b', 'c', 'd'].map((tag, i) => conversation(tag, 3 + i));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 9000 }), (offsets, gap) => {
        const shifted = sessions.flatMap((items, s) =>
          items.map((x, t) => ({ ...x, startedAt: offsets[s] + t * (gap + 1000), endedAt: offsets[s] + t * (gap + 1000) + 900 })),
        );
        const placements = placeAll(shifted);
        for (const items of sessions) {
          items.forEach((x, t) => expect(placements.get(x.id)).toEqual({ sessionId: items[0].id, parentId: t === 0 ? null : items[t - 1].id, kind: t === 0 ? 'start' : 'turn' }));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('places a live interaction at request time and completes its links when its answer arrives', () => {
    const index = createSessionIndex();
    const sys = system('s');
    const first = exchange({ id: 'a', at: 0, messages: [sys, user('hello there')], answer: assistant('Hi! How can I help?') });
    placeInteraction(index, { ...first, response: undefined });
    index.registerResponse('a', first.response, { status: 200, endedAt: 900 });
    expect(placeInteraction(index, exchange({ id: 'b', at: 1000, messages: [sys, user('hello there'), assistant('Hi! How can I help?'), user('Tell a joke')] }))).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
  });

  it('survives duplicate, unknown and malformed input', () => {
    const index = createSessionIndex();
    const x = exchange({ id: 'a', at: 0, messages: [user('hi')], answer: assistant('hello') });
    const first = placeInteraction(index, x);
    expect(placeInteraction(index, x)).toEqual(first);
    index.registerResponse('nope', undefined, { failed: true });
    index.registerResponse('a', undefined, { failed: true }); // a second report is ignored
    const embedding = { ...exchange({ id: 'e', at: 5, messages: [] }), api: 'openai-embeddings' as const };
    expect(placeInteraction(index, embedding)).toEqual({ sessionId: 'e', parentId: null, kind: 'standalone' });
    const broken = { ...exchange({ id: 'm', at: 6, messages: [] }), request: undefined } as unknown as ReconInteraction;
    expect(placeInteraction(index, broken).kind).toBe('standalone');
    expect(placeInteraction(index, exchange({ id: 'empty', at: 7, messages: [] })).kind).toBe('start');
  });

  it('turns a small-model "side call" that someone continues into the start of its own session', () => {
    const index = createSessionIndex();
    const base = { model: 'gpt-4o-mini', api: 'openai-chat' as const, client: 'script|10.0.0.9' };
    placeInteraction(index, exchange({ ...base, id: 'a', at: 0, messages: [user('Name three rivers.')], answer: assistant('Seine, Loire, Rhône.') }));
    expect(index.getPlacement('a')?.kind).toBe('side');
    placeInteraction(index, exchange({ ...base, id: 'b', at: 2000, messages: [user('Name three rivers.'), assistant('Seine, Loire, Rhône.'), user('Which is longest?')] }));
    expect(index.getPlacement('a')).toEqual({ sessionId: 'a', parentId: null, kind: 'start' });
    expect(index.getPlacement('b')).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
  });
});

describe('placement cost', () => {
  function lookupsForProbe(sessions: number): number {
    const index = createSessionIndex();
    for (let s = 0; s < sessions; s++) {
      let history = [system('You are helpful.')];
      for (let t = 0; t < 3; t++) {
        history = [...history, user(`Session ${s} question ${t}`)];
        const answer = assistant(`Session ${s} answer ${t}`);
        placeInteraction(index, exchange({ id: `s${s}-${t}`, at: s * 100 + t, messages: history, answer, client: `c${s % 7}` }));
        history = [...history, answer];
      }
    }
    const before = describeCost(index).lookups;
    const probe = [system('You are helpful.'), user('Session 3 question 0'), assistant('Session 3 answer 0'), user('Session 3 question 1'), assistant('Session 3 answer 1'), user('A new question')];
    placeInteraction(index, exchange({ id: 'probe', at: 1e9, messages: probe, client: 'c3' }));
    return describeCost(index).lookups - before;
  }

  it('does not grow with the number of stored sessions', () => {
    const small = lookupsForProbe(10);
    expect(lookupsForProbe(100)).toBe(small);
    expect(lookupsForProbe(1000)).toBe(small);
    expect(small).toBeLessThanOrEqual(4 * 6);
  });

  /** Operations spent on the last request of an agent session `turns` long; every request is a fresh parse. */
  function costOfLastTurn(turns: number): { units: number; lookups: number } {
    const index = createSessionIndex();
    let history: Message[] = [system('You are a coding agent.'), user('Fix the failing test.')];
    let cost = { units: 0, lookups: 0 };
    for (let t = 0; t < turns; t++) {
      const answer = assistant(`Step ${t}: reading a file.`, call('Read', { path: `src/f${t}.ts` }, `c${t}`));
      const before = { ...index.counters };
      placeInteraction(index, exchange({ id: `t${t}`, at: t * 1000, messages: structuredClone(history), answer }));
      cost = { units: index.counters.unitsComputed - before.unitsComputed, lookups: index.counters.lookups - before.lookups };
      history = [...history, answer, user(result(`c${t}`, `export const f${t} = ${t};\n`.repeat(20)))];
    }
    return cost;
  }

  it('normalizes and hashes what a request adds, not the history it repeats', () => {
    const short = costOfLastTurn(10);
    expect(costOfLastTurn(100)).toEqual(short);
    expect(costOfLastTurn(400)).toEqual(short);
    expect(short.units).toBeLessThanOrEqual(4);
  });
});
