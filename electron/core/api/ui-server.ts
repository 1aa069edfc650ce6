// The UI port: the renderer at `/`, the JSON API under `/api/` (a route table onto the service), and the one
// WebSocket live feed at /api/live. Every request and every upgrade passes the access guard first.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ThreadtapError, httpStatusFor } from '../errors';
import { checkAccess, TOKEN_COOKIE } from './access-guard';
import type { Route } from './api-routes';
import { LIVE_PATH } from './api-routes';
import { attachLiveSocket, type LiveSocketServer } from './live-socket';
import type { LiveFeed } from './live-feed';
import { serveStatic } from './static-files';

export interface UiServerOptions {
  host: string;
  port: number;
  token: string;
  /** Folder of the built renderer (index.html + assets); a placeholder page is served when it is missing. */
  uiDir?: string;
  routes: Route[];
  feed: LiveFeed;
  /** API requests and the live feed wait for this (the session list still being rebuilt from the store); the
   * renderer's files are served at once. A rejection answers API requests with its error. */
  ready?: Promise<void>;
}

export interface UiServer {
  port: number;
  close(): Promise<void>;
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  let port = options.port;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error));
  });
  const live: LiveSocketServer = attachLiveSocket(options.feed);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const verdict = checkAccess(req, options.token, port);
    if (!verdict.ok) throw new ThreadtapError(verdict.status === 401 ? 'unauthorized' : 'forbidden', verdict.reason);
    const headers: Record<string, string> = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (verdict.viaQueryToken) headers['set-cookie'] = `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/api/')) return serveStatic(options.uiDir, url.pathname, res, headers);
    await options.ready;
    for (const route of options.routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match || req.method !== route.method) continue;
      const result = await route.handle(match.slice(1).map(decodeURIComponent), url);
      if (result.kind === 'file') {
        res.writeHead(200, { ...headers, 'content-type': result.contentType, 'content-disposition': `attachment; filename="${result.fileName}"` });
        if (typeof result.body === 'string') return void res.end(result.body);
        // Once the file has started, an error cannot become a status: cut the connection so the download fails
        // visibly instead of ending as a complete-looking, truncated file.
        await result.body(res).then(
          () => res.end(),
          () => res.destroy(),
        );
      } else {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify(result.body));
      }
      return;
    }
    throw new ThreadtapError('not-found', `No API route ${req.method} ${url.pathname}`);
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkAccess(req, options.token, port);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!verdict.ok || path !== LIVE_PATH) {
      const status = verdict.ok ? 404 : verdict.status;
      const reason = verdict.ok ? `No WebSocket at ${path}` : verdict.reason;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${reason}`);
      return;
    }
    if (!options.ready) return live.upgrade(req, socket, head);
    options.ready.then(
      () => {
        if (!socket.destroyed) live.upgrade(req, socket, head);
      },
      () => socket.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: async () => {
      live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendError(res: http.ServerResponse, error: unknown): void {
  const status = httpStatusFor(error);
  const code = error instanceof ThreadtapError ? error.code : 'internal';
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message: (error as Error)?.message ?? String(error) } }));
}
