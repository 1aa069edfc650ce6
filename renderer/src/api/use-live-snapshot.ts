// Snapshot, then deltas: subscribe first, queue live events while the snapshot is fetched, then apply only the
// queued events newer than the snapshot's seq (mitmproxy's web UI does the same). Refetches on resync, and when the
// snapshot is older than the live socket's start: the events between were sent before the socket existed (the
// session list's first page is requested before the script runs, so it can be).

import { useEffect, useRef, useState } from 'react';
import type { UiLiveEvent } from '../../../shared/ui-live';
import type { LiveBatchItem, LiveHub } from './live-hub';

export interface SnapshotState<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

export function useLiveSnapshot<T extends { seq: number }>(
  hub: LiveHub,
  fetcher: ((signal: AbortSignal) => Promise<T>) | undefined,
  reduce: (state: T, event: UiLiveEvent) => T,
  deps: unknown[],
): SnapshotState<T> & { setData(update: (data: T) => T): void } {
  const [state, setState] = useState<SnapshotState<T>>({ loading: !!fetcher });
  const reduceRef = useRef(reduce);
  reduceRef.current = reduce;

  useEffect(() => {
    if (!fetcher) {
      setState({ loading: false });
      return;
    }
    let queue: LiveBatchItem[] | null = [];
    let controller = new AbortController();
    /** The seq of the snapshot shown, while no newer one is being fetched. */
    let shownSeq: number | undefined;
    const predatesSocket = (seq: number) => {
      const connected = hub.connectedSeq();
      return connected !== undefined && seq < connected;
    };
    // Pure (React may run state updaters twice): the threshold is the seq the data already reflects.
    const applyAll = (data: T, items: LiveBatchItem[]): T => {
      let next = data;
      let seq = data.seq;
      for (const item of items) {
        if (item.seq <= seq) continue;
        try {
          next = reduceRef.current(next, item.event);
        } catch (error) {
          console.warn(`dropped live event ${item.event.type}`, error);
        }
        seq = item.seq;
      }
      return { ...next, seq };
    };
    const load = () => {
      controller.abort();
      controller = new AbortController();
      queue = [];
      shownSeq = undefined;
      setState((s) => ({ ...s, loading: true }));
      fetcher(controller.signal).then(
        (data) => {
          const queued = queue ?? [];
          queue = null;
          setState({ data: applyAll(data, queued), loading: false });
          if (predatesSocket(data.seq)) load();
          else shownSeq = data.seq;
        },
        (error: Error) => {
          if (error.name === 'AbortError') return;
          queue = null;
          setState({ error: error.message, loading: false });
        },
      );
    };
    const unsubscribe = hub.subscribe({
      onBatch(items) {
        if (queue) {
          queue.push(...items);
          return;
        }
        setState((s) => (s.data ? { ...s, data: applyAll(s.data, items) } : s));
      },
      onResync: load,
      onConnected(seq) {
        if (shownSeq !== undefined && shownSeq < seq) load();
      },
    });
    load();
    return () => {
      unsubscribe();
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { ...state, setData: (update) => setState((s) => (s.data ? { ...s, data: update(s.data) } : s)) };
}
