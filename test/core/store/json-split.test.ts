import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinJsonBody, listText, splitJsonBody, type Hole } from '../../../electron/core/store/json-split';
import { buildList } from '../../../electron/core/store/chunk-list';

const join = (split: { skeleton: string; holes: Hole[] }) =>
  joinJsonBody(split.skeleton, split.holes.map((h) => ({ at: h.at, text: h.kind === 'blob' ? h.text : listText(h, h.items) })));

describe('splitting a JSON body into a skeleton and chunks', () => {
  it('gives back the exact text for any JSON object, however it was serialized', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(undefined, 1, 2, '\t'), fc.integer({ min: 1, max: 64 }), (value, indent, minHole) => {
        const text = JSON.stringify(value, null, indent);
        const split = splitJsonBody(text, { minHole });
        if (split) expect(join(split)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back the exact text for arbitrary strings, or declines to split them', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', ' ', 'a', '1') }), (text) => {
        const split = splitJsonBody(text, { minHole: 1 });
        if (split) expect(join(split)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('splits large top-level arrays into their elements and leaves small members in the skeleton', () => {
    const messages = [{ role: 'user', content: 'a'.repeat(600) }, { role: 'assistant', content: 'b'.repeat(600) }];
    const split = splitJsonBody(JSON.stringify({ model: 'm', messages, stream: true }), { minHole: 512 })!;
    expect(split.skeleton).toBe('{"model":"m","messages":,"stream":true}');
    expect(split.holes).toMatchObject([{ kind: 'list', items: messages.map((m) => JSON.stringify(m)) }]);
  });
});

describe('lists of chunks', () => {
  it('share every node of a common prefix, so an extended history adds only a short tail', () => {
    const items = Array.from({ length: 400 }, (_, i) => `message ${i} ${'x'.repeat(60)}`);
    const first = buildList(items.slice(0, 300));
    const stored = new Set(first.nodes.map((n) => n.hash));
    // The next turn rewrites its last message (a moved cache marker) and appends two.
    const next = [...items.slice(0, 299), `${items[299]} changed`, ...items.slice(300, 302)];
    const second = buildList(next, (h) => stored.has(h));
    expect(second.nodes.length).toBeLessThanOrEqual(4);
    expect(second.chunks.length).toBeLessThanOrEqual(20);
    expect(second.nodes[0].parent === null || stored.has(second.nodes[0].parent)).toBe(true);
  });
});
