// @vitest-environment happy-dom
// Picking sessions in the list for one combined export: checkbox and Ctrl-click toggle, Shift-click adds a range in
// list order, a plain click opens without picking, and the bar offers "Export N sessions" until cleared.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, useCallback, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { SessionRow } from '../../shared/api-contract';
import type { ListData } from '../../renderer/src/state/list-state';
import { NO_SELECTION, selectRange, toggleSession } from '../../renderer/src/state/selection-state';
import { PickedExportBar } from '../../renderer/src/views/picked-export-bar';
import { SessionList } from '../../renderer/src/views/session-list';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const row = (id: string, title: string): SessionRow => ({
  id,
  title,
  parentSessionId: null,
  relation: null,
  startedAt: 0,
  lastActivityAt: 0,
  durationMs: 1000,
  turns: 2,
  models: ['gpt-4o'],
  providers: ['openai'],
  clients: [],
  usage: {},
  costUsd: null,
  inFlight: 0,
  errors: 0,
  children: [],
});

const DATA: ListData = {
  seq: 1,
  total: 4,
  rows: [row('s1', 'First chat'), row('s2', 'Second chat'), row('s3', 'Third chat'), row('s4', 'Fourth chat')],
  hits: {},
  facets: { providers: [], models: [], clients: [] },
  unfiltered: true,
};

/** The list pane as the app wires it: the real list, the real bar, the real selection reducers. */
function ListPane({ opened }: { opened: string[] }) {
  const [picked, setPicked] = useState(NO_SELECTION);
  const onPick = useCallback((id: string, how: 'toggle' | 'range', order: string[]) => setPicked((s) => (how === 'range' ? selectRange(s, id, order) : toggleSession(s, id))), []);
  return (
    <div style={{ height: 800 }}>
      <PickedExportBar ids={picked.ids} onClear={() => setPicked(NO_SELECTION)} />
      <SessionList data={DATA} picked={picked} onPick={onPick} onOpen={(id) => opened.push(id)} onNeedRange={() => undefined} />
    </div>
  );
}

// happy-dom does no layout, so the virtualized list would see a viewport 0 px high and render no row: give the
// list's scroll box the height a window would (the virtualizer reads clientHeight).
const layout = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('session-list') ? 800 : (layout?.get?.call(this) ?? 0);
    },
  });
});
afterAll(() => {
  if (layout) Object.defineProperty(HTMLElement.prototype, 'clientHeight', layout);
});

let root: Root | undefined;
let host: HTMLElement;

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function render(opened: string[]): HTMLElement {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(<ListPane opened={opened} />));
  return host;
}

const rowOf = (el: HTMLElement, id: string) => el.querySelector<HTMLElement>(`[data-session-id="${id}"]`)!;
const click = (target: HTMLElement, init: MouseEventInit = {}) => act(() => void target.dispatchEvent(new MouseEvent('click', { bubbles: true, ...init })));
const pickedIds = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('.session-row.picked')].map((r) => r.dataset.sessionId);
const barText = (el: HTMLElement) => el.querySelector('[data-testid="picked-bar"]')?.textContent ?? null;

describe('picking sessions for export', () => {
  it('renders a pick box on every row and no bar before anything is picked', () => {
    const el = render([]);
    expect(el.querySelectorAll('[data-testid="session-row"] input[type="checkbox"]')).toHaveLength(4);
    expect(barText(el)).toBeNull();
  });

  it('toggles with the checkbox and Ctrl-click, adds a Shift-click range, and opens on a plain click without picking', () => {
    const opened: string[] = [];
    const el = render(opened);
    click(rowOf(el, 's1').querySelector('input')!);
    expect(pickedIds(el)).toEqual(['s1']);
    click(rowOf(el, 's3'), { shiftKey: true });
    expect(pickedIds(el)).toEqual(['s1', 's2', 's3']);
    click(rowOf(el, 's2'), { ctrlKey: true });
    expect(pickedIds(el)).toEqual(['s1', 's3']);
    expect(barText(el)).toContain('Export 2 sessions');
    click(rowOf(el, 's4'));
    expect(opened).toEqual(['s4']);
    expect(pickedIds(el)).toEqual(['s1', 's3']);
  });

  it('clears the pick and hides the bar', () => {
    const el = render([]);
    click(rowOf(el, 's2'), { metaKey: true });
    expect(barText(el)).toContain('Export 1 session');
    const clear = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="picked-bar"] button')].find((b) => b.textContent === 'Clear')!;
    click(clear);
    expect(barText(el)).toBeNull();
    expect(pickedIds(el)).toEqual([]);
  });
});
