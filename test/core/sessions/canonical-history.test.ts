import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeHistory, type CanonicalHistory } from '../../../electron/core/sessions/canonical-history';
import { HistoryCache } from '../../../electron/core/sessions/history-cache';
import { CHAIN_ROOT } from '../../../electron/core/sessions/history-chain';
import type { Message, Part } from '../../../shared/normalized';

const words = fc.constantFrom('', ' ', 'ok', 'Done.', '  spaced\n\nout  ', '<system-reminder>hidden</system-reminder>', 'x'.repeat(300), 'summarize the conversation');
const textPart = words.map((text): Part => ({ type: 'text', text }));
const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 5, arbitrary: textPart },
  { weight: 1, arbitrary: words.map((text): Part => ({ type: 'thinking', text })) },
  { weight: 2, arbitrary: fc.record({ path: fc.constantFrom('a.ts', 'b.ts') }).map((args): Part => ({ type: 'tool-call', id: 'c', name: 'Read', arguments: args })) },
  { weight: 2, arbitrary: fc.array(textPart, { maxLength: 2 }).map((content): Part => ({ type: 'tool-result', toolCallId: 'c', content })) },
  { weight: 1, arbitrary: fc.constant<Part>({ type: 'image', dataHash: 'abc' }) },
  { weight: 1, arbitrary: fc.constant<Part>({ type: 'other', kind: 'server_tool_use', raw: { a: 1 } }) },
);
const message: fc.Arbitrary<Message> = fc.record({
  role: fc.constantFrom('system', 'user', 'assistant', 'assistant', 'tool', 'developer'),
  parts: fc.array(part, { maxLength: 3 }),
});

/** Everything placement reads from a history. */
function visible(history: CanonicalHistory) {
  const { instructionsHash, units, chain, hasAssistant, hasToolResults, leadingUserTexts, lastUserText, assistantRuns } = history;
  return { instructionsHash, units, chain, hasAssistant, hasToolResults, leadingUserTexts, lastUserText, assistantRuns };
}

/** A second parse of the same request: equal content, no shared objects. */
const reparsed = (messages: Message[]): Message[] => JSON.parse(JSON.stringify(messages));

describe('resuming an earlier history', () => {
  it('gives exactly what canonicalizing the whole history gives', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 14 }), fc.nat(), fc.nat(), (messages, a, b) => {
        const cuts = [a % (messages.length + 1), b % (messages.length + 1)].sort((x, y) => x - y);
        const first = canonicalizeHistory(messages.slice(0, cuts[0]));
        const second = canonicalizeHistory(reparsed(messages.slice(0, cuts[1])), CHAIN_ROOT, first);
        const third = canonicalizeHistory(reparsed(messages), CHAIN_ROOT, second);
        expect(visible(second)).toEqual(visible(canonicalizeHistory(messages.slice(0, cuts[1]))));
        expect(visible(third)).toEqual(visible(canonicalizeHistory(messages)));
        // A retry or a branch resumes the same earlier history again: the first resumption must not have changed it.
        expect(visible(canonicalizeHistory(reparsed(messages), CHAIN_ROOT, first))).toEqual(visible(canonicalizeHistory(messages)));
      }),
      { numRuns: 2000 },
    );
  });

  it('computes only the units of the messages added', () => {
    const turn = (i: number): Message[] => [
      { role: 'assistant', parts: [{ type: 'text', text: `Reading file ${i}.` }, { type: 'tool-call', id: `c${i}`, name: 'Read', arguments: { path: `f${i}.ts` } }] },
      { role: 'user', parts: [{ type: 'tool-result', toolCallId: `c${i}`, content: [{ type: 'text', text: `contents of f${i}.ts\n`.repeat(40) }] }] },
    ];
    const start: Message[] = [{ role: 'system', parts: [{ type: 'text', text: 'You are an agent.' }] }, { role: 'user', parts: [{ type: 'text', text: 'Fix the bug.' }] }];
    let messages = start;
    let history = canonicalizeHistory(messages);
    for (let i = 0; i < 200; i++) {
      messages = reparsed([...messages, ...turn(i)]);
      history = canonicalizeHistory(messages, CHAIN_ROOT, history);
      expect(history.computedUnits).toBeLessThanOrEqual(4);
    }
    expect(history.units).toHaveLength(1 + 200 * 3);
  });
});

describe('history cache', () => {
  const conversation = (tag: string, turns: number): Message[] =>
    Array.from({ length: turns }, (_, i): Message => ({ role: i % 2 === 0 ? 'user' : 'assistant', parts: [{ type: 'text', text: `${tag} ${i}` }] }));

  it('offers the longest remembered history the request repeats in full, and nothing else', () => {
    const cache = new HistoryCache(4);
    const short = canonicalizeHistory(conversation('a', 3));
    const long = canonicalizeHistory(conversation('a', 5));
    cache.remember('s1', short);
    cache.remember('s2', long);
    cache.remember('s3', canonicalizeHistory(conversation('b', 5)));
    expect(cache.resumable(reparsed(conversation('a', 7)), CHAIN_ROOT)).toBe(long);
    expect(cache.resumable(reparsed(conversation('a', 4)), CHAIN_ROOT)).toBe(short);
    const edited = reparsed(conversation('a', 7));
    edited[1] = { role: 'assistant', parts: [{ type: 'text', text: 'an edited answer' }] };
    expect(cache.resumable(edited, CHAIN_ROOT)).toBeUndefined();
    expect(cache.resumable(reparsed(conversation('a', 7)), 'another base')).toBeUndefined();
  });

  it('holds a bounded number of sessions', () => {
    const cache = new HistoryCache(4);
    for (let s = 0; s < 20; s++) cache.remember(`s${s}`, canonicalizeHistory(conversation(`c${s}`, 3)));
    expect(cache.size).toBe(4);
    expect(cache.resumable(conversation('c19', 5), CHAIN_ROOT)).toBeDefined();
    expect(cache.resumable(conversation('c0', 5), CHAIN_ROOT)).toBeUndefined();
  });
});
