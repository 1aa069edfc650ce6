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

/** Builds the renderer when out/renderer is missing or older than renderer/ or shared/ (about a second). */
export function ensureRendererBuilt(): string {
  const built = join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newestMtime(join(REPO, 'renderer')), newestMtime(join(REPO, 'shared')));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: REPO, stdio: 'pipe' });
  }
  return RENDERER_OUT;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const SCREENSHOTS = join(REPO, 'test-results');
