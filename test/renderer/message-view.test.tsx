// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { TurnView } from '../../shared/api-contract';
import type { Message } from '../../shared/normalized';
import { MarkdownText } from '../../renderer/src/timeline/markdown-text';
import { MessageContext, MessageView } from '../../renderer/src/timeline/message-view';
import { pairTools } from '../../renderer/src/timeline/tool-pairing';
import { DiffList, DiffSummary } from '../../renderer/src/views/compare-view';
import { diffRequests } from '../../shared/turn-diff';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement;

function render(node: React.ReactNode): HTMLElement {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(node));
  return host;
}

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const turn = (partial: Partial<TurnView>): TurnView =>
  ({ id: 't', sessionId: 's', parentId: null, kind: 'turn', newMessages: [], outputs: [], childSessions: [], usage: {}, notes: [], ...partial }) as TurnView;

describe('MessageView', () => {
  it('renders markdown and code from model text', async () => {
    const message: Message = { role: 'assistant', parts: [{ type: 'text', text: '# Plan\n\n- **one**\n\n```ts\nconst x = 1;\n```' }] };
    const el = render(<MessageView message={message} />);
    // The markdown chunk loads lazily; plain text shows meanwhile.
    // Patience, not a timing claim: on a loaded machine the first import of the markdown stack takes seconds.
    await vi.waitFor(
      async () => {
        await act(async () => undefined);
        expect(el.querySelector('h1')?.textContent).toBe('Plan');
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(el.querySelector('strong')?.textContent).toBe('one');
    expect(el.querySelector('pre code')?.textContent).toContain('const x = 1;');
    // Highlighted (the highlighter is made once and shared by every message).
    expect(el.querySelector('pre code.hljs .hljs-keyword')?.textContent).toBe('const');
  });

  it('shows a tool call with its result from the next turn, and thinking collapsed', () => {
    const calling = turn({ id: 'a', outputs: [{ role: 'assistant', parts: [{ type: 'thinking', text: 'I should read it' }, { type: 'tool-call', id: 'call_1', name: 'Read', arguments: '{"path":"a.txt"}' }] }] });
    const answering = turn({ id: 'b', newMessages: [{ role: 'tool', parts: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'file contents here' }] }] }] });
    const pairing = pairTools([calling, answering]);
    const el = render(
      <MessageContext.Provider value={{ pairing, childSessions: [], openSession: () => undefined }}>
        <MessageView message={calling.outputs[0]} />
      </MessageContext.Provider>,
    );
    expect(el.querySelector('.tool-name')?.textContent).toBe('Read');
    expect(el.querySelector('.tool-args')?.textContent).toContain('"path": "a.txt"');
    expect(el.querySelector('.tool-result')?.textContent).toContain('file contents here');
    const thinking = el.querySelector('details.thinking') as HTMLDetailsElement;
    expect(thinking.open).toBe(false);
  });

  it('links a sub-agent from the tool call that started it', () => {
    const message: Message = { role: 'assistant', parts: [{ type: 'tool-call', id: 'toolu_9', name: 'Task', arguments: { prompt: 'look around' } }] };
    const opened: string[] = [];
    const el = render(
      <MessageContext.Provider value={{ pairing: pairTools([]), childSessions: [{ sessionId: 'sub-1', relation: 'subagent', toolCallId: 'toolu_9', title: 'look around' }], openSession: (id) => opened.push(id) }}>
        <MessageView message={message} />
      </MessageContext.Provider>,
    );
    const link = el.querySelector('.subagent-link') as HTMLButtonElement;
    expect(link.textContent).toContain('look around');
    act(() => link.click());
    expect(opened).toEqual(['sub-1']);
  });

  it('keeps system instructions collapsed', () => {
    const el = render(<MessageView message={{ role: 'system', parts: [{ type: 'text', text: 'You are helpful' }] }} />);
    expect((el.querySelector('details.message-system') as HTMLDetailsElement).open).toBe(false);
  });
});

describe('MarkdownText', () => {
  it('paints text plain first and formats it as markdown only after that frame', async () => {
    // The markdown chunk is loaded and its lazy component resolved, so nothing but the wait for a frame defers it.
    const warm = render(<MarkdownText text="# Warm" />);
    await vi.waitFor(
      async () => {
        await act(async () => undefined);
        expect(warm.querySelector('h1')).not.toBeNull();
      },
      { timeout: 15_000, interval: 50 },
    );
    act(() => root!.render(<MarkdownText key="second" text="# Plan" />));
    expect(host.querySelector('h1')).toBeNull();
    expect(host.querySelector('pre.plain-text')?.textContent).toBe('# Plan');
    await vi.waitFor(async () => {
      await act(async () => undefined);
      expect(host.querySelector('h1')?.textContent).toBe('Plan');
    });
  });
});

describe('the compare view', () => {
  it('shows counts and each added and edited message', () => {
    const diff = diffRequests(
      { messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }, { role: 'assistant', parts: [{ type: 'text', text: 'old answer' }] }] },
      { messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }, { role: 'assistant', parts: [{ type: 'text', text: 'new answer' }] }, { role: 'user', parts: [{ type: 'text', text: 'more' }] }] },
    );
    const el = render(
      <>
        <DiffSummary diff={diff} />
        <DiffList diff={diff} showSame={false} />
      </>,
    );
    expect(el.textContent).toContain('+1 added');
    expect(el.textContent).toContain('~1 edited');
    expect(el.querySelector('.diff-before')?.textContent).toBe('old answer');
    expect(el.querySelector('.diff-after')?.textContent).toBe('new answer');
  });
});
