import { describe, expect, it } from 'vitest';
import { IdentityMemo, MEMO_MIN_LENGTH } from '../../../electron/core/sessions/identity-memo';
import { canonicalizeMessages } from '../../../electron/core/sessions';
import type { Message } from '../../../shared/normalized';

const long = (seed: string) => `${seed} `.repeat(Math.ceil(MEMO_MIN_LENGTH / seed.length) + 1);

describe('identity memo', () => {
  it('computes a long text once, a short text every time', () => {
    const memo = new IdentityMemo();
    let calls = 0;
    const compute = (text: string) => (calls++, `id:${text.length}`);
    expect(memo.forText(long('file contents'), compute)).toBe(memo.forText(long('file contents'), compute));
    expect(calls).toBe(1);
    memo.forText('short', compute);
    memo.forText('short', compute);
    expect(calls).toBe(3);
    expect(memo.size).toBe(1);
  });

  it('forgets the least recently used entry past its bound, and recomputes it the same', () => {
    const memo = new IdentityMemo(2);
    let calls = 0;
    const compute = (text: string) => (calls++, `id:${text.slice(0, 3)}`);
    memo.forText(long('aaa'), compute);
    memo.forText(long('bbb'), compute);
    memo.forText(long('aaa'), compute); // aaa is now the most recent
    memo.forText(long('ccc'), compute); // evicts bbb
    expect(calls).toBe(3);
    memo.forText(long('aaa'), compute);
    expect(calls).toBe(3);
    expect(memo.forText(long('bbb'), compute)).toBe('id:bbb');
    expect(calls).toBe(4);
  });

  it('keeps tool results that differ only in whitespace the same, and different contents apart', () => {
    const toolTurn = (output: string): Message[] => [
      { role: 'user', parts: [{ type: 'text', text: 'Read the file' }] },
      { role: 'assistant', parts: [{ type: 'tool-call', id: 'c1', name: 'read', arguments: { path: 'a.ts' } }] },
      { role: 'tool', parts: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: output }] }] },
    ];
    const body = long('export const value = 1;\n');
    const unitsOf = (output: string) => canonicalizeMessages(toolTurn(output)).units.map((unit) => unit.hash);
    const first = unitsOf(body);
    expect(unitsOf(body)).toEqual(first);
    expect(unitsOf(body.replace(/\n/g, '\n\n  '))).toEqual(first);
    expect(unitsOf(body.replace('value = 1', 'value = 2'))).not.toEqual(first);
  });
});
