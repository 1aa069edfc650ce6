// The one WebSocket: reconnects with backoff, numbers check (a gap means resync), and hands events to subscribers
// in one batch per animation frame. A subscriber that throws on an event loses that event, not the feed.

import type { UiLiveEvent, UiLiveMessage } from '../../../shared/ui-live';

export interface LiveBatchItem {
  seq: number;
  event: UiLiveEvent;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveSubscriber {
  onBatch(items: LiveBatchItem[]): void;
  /** The feed restarted or lost events: take a fresh snapshot. */
  onResync(): void;
  /** The socket is open and its first event will be number `seq + 1`: a snapshot older than `seq` misses events. */
  onConnected?(seq: number): void;
}

export function createLiveHub(url: () => string) {
  const subscribers = new Set<LiveSubscriber>();
  const statusListeners = new Set<(status: LiveStatus) => void>();
  let pending: LiveBatchItem[] = [];
  let frame = 0;
  let lastSeq = -1;
  /** The hello's seq on the open socket; undefined while (re)connecting. */
  let connectedSeq: number | undefined;
  let status: LiveStatus = 'connecting';
  let retryMs = 250;
  let socket: WebSocket | undefined;
  let stopped = false;

  const setStatus = (next: LiveStatus) => {
    status = next;
    statusListeners.forEach((listener) => listener(next));
  };

  const flush = () => {
    frame = 0;
    const batch = pending;
    pending = [];
    for (const subscriber of subscribers) {
      try {
        subscriber.onBatch(batch);
      } catch (error) {
        console.warn('a live batch could not be applied', error);
      }
    }
  };

  const resync = () => subscribers.forEach((s) => s.onResync());

  const onMessage = (data: string) => {
    let message: UiLiveMessage;
    try {
      message = JSON.parse(data) as UiLiveMessage;
    } catch {
      console.warn('dropped a live message that is not JSON');
      return;
    }
    if (message.kind === 'hello') {
      // A reconnect (or an engine restart) may have missed events: everyone refetches.
      if (lastSeq !== -1) resync();
      lastSeq = message.seq;
      connectedSeq = message.seq;
      subscribers.forEach((s) => s.onConnected?.(message.seq));
      return;
    }
    if (message.kind !== 'event' || typeof message.seq !== 'number' || !message.event) return;
    if (lastSeq !== -1 && message.seq !== lastSeq + 1) resync();
    lastSeq = message.seq;
    pending.push({ seq: message.seq, event: message.event });
    if (!frame) frame = requestAnimationFrame(flush);
  };

  const connect = () => {
    if (stopped) return;
    setStatus('connecting');
    const ws = new WebSocket(url());
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setStatus('live');
    };
    ws.onmessage = (e) => onMessage(String(e.data));
    ws.onclose = () => {
      if (socket !== ws || stopped) return;
      connectedSeq = undefined;
      setStatus('offline');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };

  return {
    start: connect,
    stop() {
      stopped = true;
      socket?.close();
    },
    subscribe(subscriber: LiveSubscriber): () => void {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    /** The seq the open socket started after (see LiveSubscriber.onConnected), or undefined while not connected. */
    connectedSeq: () => connectedSeq,
    onStatus(listener: (status: LiveStatus) => void): () => void {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
