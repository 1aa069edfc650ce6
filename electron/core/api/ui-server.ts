// The UI port: the renderer at `/`, a JSON API under `/api/`. Every request passes the access guard first.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CaptureStore } from '../store/capture-store';
import { ThreadtapError, httpStatusFor } from '../errors';
import { checkAccess, TOKEN_COOKIE } from './access-guard';

export interface UiServerOptions {
  host: string;
  port: number;
  token: string;
  /** Folder of the built renderer (index.html + assets); a placeholder page is served when it is missing. */
  uiDir?: string;
  store: CaptureStore;
  setupInfo(): Record<string, unknown>;
  caCertPem: string;
}

export interface UiServer {
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  let port = options.port;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const verdict = checkAccess(req, options.token, port);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason } }));
      return;
    }
    const headers: Record<string, string> = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (verdict.viaQueryToken) headers['set-cookie'] = `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) return api(url, res, headers);
    return serveStatic(url.pathname, res, headers);
  }

  async function api(url: URL, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
    const path = url.pathname;
    let body: unknown;
    if (path === '/api/health') body = { ok: true, store: options.store.health() };
    else if (path === '/api/setup') body = options.setupInfo();
    else if (path === '/api/ca.pem') {
      res.writeHead(200, { ...headers, 'content-type': 'application/x-pem-file', 'content-disposition': 'attachment; filename="threadtap-ca.pem"' });
      res.end(options.caCertPem);
      return;
    } else if (path === '/api/interactions') {
      const limit = Number(url.searchParams.get('limit') ?? 200);
      body = { interactions: await options.store.listInteractions({ limit: Number.isFinite(limit) ? limit : 200 }) };
    } else if (path.startsWith('/api/interactions/')) {
      const id = decodeURIComponent(path.slice('/api/interactions/'.length));
      body = await options.store.getInteraction(id);
      if (!body) throw new ThreadtapError('not-found', `No interaction ${id}`);
    } else throw new ThreadtapError('not-found', `No API route ${path}`);
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function serveStatic(pathname: string, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    if (options.uiDir) {
      const root = resolve(options.uiDir);
      const file = normalize(join(root, relative));
      if (file.startsWith(root + sep)) {
        try {
          const data = await readFile(file);
          res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
          res.end(data);
          return;
        } catch {
          // fall through to the placeholder or 404
        }
      }
    }
    if (relative !== 'index.html') throw new ThreadtapError('not-found', `No file ${pathname}`);
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(PLACEHOLDER_PAGE);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendError(res: http.ServerResponse, error: unknown): void {
  const status = httpStatusFor(error);
  const code = error instanceof ThreadtapError ? error.code : 'internal';
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message: (error as Error)?.message ?? String(error) } }));
}

const PLACEHOLDER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Threadtap</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Threadtap is capturing</h1>
<p>The timeline UI has not been built in this checkout (run <code>npm run build</code>). The API is live:
<a href="/api/interactions">/api/interactions</a>, <a href="/api/setup">/api/setup</a>.</p>
</body></html>`;
