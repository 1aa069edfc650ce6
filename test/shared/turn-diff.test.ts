import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/normalized';
import { diffRequests } from '../../shared/turn-diff';
import { historyMark, newMessagesFrom } from '../../shared/turn-delta';

const text = (role: Message['role'], t: string): Message => ({ role, parts: [{ type: 'text', text: t }] });
const call = (id: string, args: unknown): Message => ({ role: 'assistant', parts: [{ type: 'tool-call', id, name: 'Read', arguments: args }] });

describe('diffRequests', () => {
  it('reports the messages a later turn added', () => {
    const a = [text('system', 'be brief'), text('user', 'hi')];
    const b = [...a, text('assistant', 'hello'), text('user', 'bye')];
    const diff = diffRequests({ messages: a }, { messages: b });
    expect(diff.counts).toEqual({ same: 1, added: 2, removed: 0, edited: 0 });
    expect(diff.systemChanged).toBe(false);
  });

  it('pairs a removal and an addition of the same role as an edit, and notices a changed system prompt', () => {
    const a = [text('system', 'v1'), text('user', 'one'), text('assistant', 'two'), text('user', 'three')];
    const b = [text('system', 'v2'), text('user', 'one'), text('assistant', 'TWO!'), text('user', 'three')];
    const diff = diffRequests({ messages: a }, { messages: b });
    expect(diff.counts).toEqual({ same: 2, added: 0, removed: 0, edited: 1 });
    expect(diff.systemChanged).toBe(true);
  });

  it('sees a dropped middle range (sliding window) as removals', () => {
    const a = ['u1', 'a1', 'u2', 'a2', 'u3'].map((t) => text(t[0] === 'u' ? 'user' : 'assistant', t));
    const b = [a[0], a[3], a[4], text('assistant', 'a3')];
    const diff = diffRequests({ messages: a }, { messages: b });
    expect(diff.counts.removed).toBe(2);
    expect(diff.counts.added).toBe(1);
  });

  it('ignores re-serialized tool arguments and dropped thinking', () => {
    const withThinking: Message = { role: 'assistant', parts: [{ type: 'thinking', text: 'hmm' }, { type: 'tool-call', id: 't1', name: 'Read', arguments: { a: 1, b: 2 } }] };
    const diff = diffRequests({ messages: [text('user', 'x'), withThinking] }, { messages: [text('user', 'x'), call('t1', '{"b":2,"a":1}')] });
    expect(diff.counts).toEqual({ same: 2, added: 0, removed: 0, edited: 0 });
  });

  it('lists tools added, removed and changed', () => {
    const diff = diffRequests(
      { messages: [], tools: [{ name: 'Read' }, { name: 'Bash', description: 'run' }] },
      { messages: [], tools: [{ name: 'Bash', description: 'run a command' }, { name: 'Grep' }] },
    );
    expect(diff.tools).toEqual({ added: ['Grep'], removed: ['Read'], changed: ['Bash'] });
  });
});

describe('newMessagesFrom', () => {
  it('starts after the history the previous turn sent and received', () => {
    const first = [text('system', 's'), text('user', 'q1')];
    const answer = [text('assistant', 'a1')];
    const second = [...first, ...answer, text('user', 'q2')];
    expect(newMessagesFrom(second, historyMark(first, answer), false)).toBe(3);
  });

  it('skips an echoed answer the fingerprint does not match exactly', () => {
    const first = [text('user', 'q1')];
    const second = [...first, text('assistant', 'a1 (re-rendered)'), text('user', 'q2')];
    expect(newMessagesFrom(second, historyMark(first, [text('assistant', 'a1')]), false)).toBe(2);
  });

  it('falls back to what follows the last assistant message without a usable previous turn', () => {
    const request = [text('user', 'q1'), text('assistant', 'a1'), text('user', 'q2'), text('tool', 'r')];
    expect(newMessagesFrom(request, undefined, false)).toBe(2);
    expect(newMessagesFrom(request, undefined, true)).toBe(0);
  });
});
