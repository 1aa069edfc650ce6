// Debian's Chromium driven by playwright-core, and a renderer build that is fresh for the code under test.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const REPO = new URL('../../', import.meta.url).pathname;
export const RENDERER_OUT = join(REPO, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export const MAIN_OUT = join(REPO, 'out', 'main');

/** Runs `electron-vite build` when out/ is missing or older than the sources it is built from (a few seconds). */
function ensureBuilt(built: string, sourceDirs: string[]): void {
  const sources = Math.max(...sourceDirs.map((dir) => newestMtime(join(REPO, dir))));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: REPO, stdio: 'pipe' });
  }
}

export function ensureRendererBuilt(): string {
  ensureBuilt(join(RENDERER_OUT, 'index.html'), ['renderer', 'shared']);
  return RENDERER_OUT;
}

/** The Electron main bundle (main, worker entries and their chunks), fresh for electron/ and shared/. */
export function ensureMainBuilt(): string {
  ensureBuilt(join(MAIN_OUT, 'main.js'), ['electron', 'shared']);
  return MAIN_OUT;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const SCREENSHOTS = join(REPO, 'test-results');
