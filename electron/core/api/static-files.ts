// The built renderer's files, never anything outside its folder; a placeholder page when it was not built.

import type http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ThreadtapError } from '../errors';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serveStatic(uiDir: string | undefined, pathname: string, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  if (uiDir) {
    const root = resolve(uiDir);
    const file = normalize(join(root, relative));
    if (file.startsWith(root + sep)) {
      try {
        const data = await readFile(file);
        // Hashed asset names never change content; the page itself must always be fresh.
        const cache = relative.startsWith('assets/') ? { 'cache-control': 'max-age=31536000, immutable' } : {};
        res.writeHead(200, { ...headers, ...cache, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
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

const PLACEHOLDER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Threadtap</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Threadtap is capturing</h1>
<p>The timeline UI has not been built in this checkout (run <code>npm run build</code>). The API is live:
<a href="/api/sessions">/api/sessions</a>, <a href="/api/setup">/api/setup</a>.</p>
</body></html>`;
