// The one WebSocket of the UI: a hello with the current seq, then every live event numbered. A client too slow to
// keep up is closed (code 4000) rather than buffered without bound; it reconnects and takes a fresh snapshot.

import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { UiLiveMessage } from '../../../shared/ui-live';
import type { LiveFeed } from './live-feed';

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface LiveSocketServer {
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function attachLiveSocket(feed: LiveFeed): LiveSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, message: UiLiveMessage) => {
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(4000, 'too slow: reconnect and take a new snapshot');
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = feed.subscribe((seq, event) => {
    for (const ws of clients) if (ws.readyState === ws.OPEN) send(ws, { kind: 'event', seq, event });
  });
  return {
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        ws.on('close', () => clients.delete(ws));
        ws.on('error', () => clients.delete(ws));
        send(ws, { kind: 'hello', seq: feed.seq() });
      });
    },
    close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
    },
  };
}
