// @vitest-environment happy-dom
// Snapshot, then deltas, when the snapshot can be older than the live socket: the list's first page is requested by
// the page before its script opens the socket, so events numbered between the two never arrive on the socket; the
// view takes a fresh snapshot instead of missing them. A snapshot as new as the socket is kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { UiLiveEvent } from '../../shared/ui-live';
import { createLiveHub, type LiveHub } from '../../renderer/src/api/live-hub';
import { useLiveSnapshot } from '../../renderer/src/api/use-live-snapshot';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Stands in for the browser's WebSocket: the test plays the server's messages. */
class FakeSocket {
  static last: FakeSocket | undefined;
  onopen?: () => void;
  onmessage?: (e: { data: string }) => void;
  onclose?: () => void;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  close() {}
  serverSends(message: object) {
    act(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }
}

interface Snapshot {
  seq: number;
  titles: string[];
}

/** A fetcher whose answers the test releases one by one. */
function snapshots() {
  const calls: ((value: Snapshot) => void)[] = [];
  return {
    fetch: () => new Promise<Snapshot>((resolve) => calls.push(resolve)),
    calls,
    async answer(index: number, value: Snapshot) {
      await act(async () => calls[index](value));
    },
  };
}

const titled = (seq: number, title: string) => ({ kind: 'event', seq, event: { type: 'capture-warning', message: title } });
const reduce = (state: Snapshot, event: UiLiveEvent): Snapshot => (event.type === 'capture-warning' ? { ...state, titles: [...state.titles, event.message] } : state);

let root: Root;
let host: HTMLElement;
let hub: LiveHub;
let shown: Snapshot | undefined;

function View({ fetch }: { fetch: () => Promise<Snapshot> }) {
  const { data } = useLiveSnapshot(hub, fetch, reduce, []);
  shown = data;
  return null;
}

beforeEach(() => {
  (globalThis as { WebSocket: unknown }).WebSocket = FakeSocket;
  hub = createLiveHub(() => 'ws://engine/api/live');
  hub.start();
  host = document.createElement('div');
  root = createRoot(host);
  shown = undefined;
});

afterEach(() => {
  act(() => root.unmount());
  hub.stop();
});

const flushFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

describe('a snapshot and the live socket', () => {
  it('takes a fresh snapshot when the first one is older than the socket it arrived before', async () => {
    const source = snapshots();
    act(() => root.render(<View fetch={source.fetch} />));
    await source.answer(0, { seq: 3, titles: ['a', 'b', 'c'] });
    expect(shown?.seq).toBe(3);
    // Events 4 and 5 were sent before this socket existed.
    FakeSocket.last!.serverSends({ kind: 'hello', seq: 5 });
    expect(source.calls.length).toBe(2);
    await source.answer(1, { seq: 5, titles: ['a', 'b', 'c', 'd', 'e'] });
    FakeSocket.last!.serverSends(titled(6, 'f'));
    await flushFrame();
    expect(shown).toEqual({ seq: 6, titles: ['a', 'b', 'c', 'd', 'e', 'f'] });
  });

  it('takes a fresh snapshot when one older than the open socket arrives', async () => {
    const source = snapshots();
    act(() => root.render(<View fetch={source.fetch} />));
    FakeSocket.last!.serverSends({ kind: 'hello', seq: 5 });
    await source.answer(0, { seq: 3, titles: ['a', 'b', 'c'] });
    expect(source.calls.length).toBe(2);
    await source.answer(1, { seq: 5, titles: ['a', 'b', 'c', 'd', 'e'] });
    expect(shown?.seq).toBe(5);
    expect(source.calls.length).toBe(2);
  });

  it('keeps a snapshot as new as the socket, and applies only the events after it', async () => {
    const source = snapshots();
    act(() => root.render(<View fetch={source.fetch} />));
    FakeSocket.last!.serverSends({ kind: 'hello', seq: 5 });
    FakeSocket.last!.serverSends(titled(6, 'f'));
    await source.answer(0, { seq: 6, titles: ['a', 'b', 'c', 'd', 'e', 'f'] });
    FakeSocket.last!.serverSends(titled(7, 'g'));
    await flushFrame();
    expect(source.calls.length).toBe(1);
    expect(shown).toEqual({ seq: 7, titles: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
  });
});
