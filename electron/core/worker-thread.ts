// Starting one of the core's worker threads from source (tsx, vitest) or from a bundle. Under tsx or vitest the
// worker has no TypeScript loader of its own, so a tiny bootstrap registers tsx first. A bundle emits each worker
// as `<name>.js` next to the module that starts it.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The worker file `<name>.ts` or `<name>.js` beside `besideUrl`, or an explicit path; undefined when absent. */
export function findWorkerEntry(besideUrl: string, name: string, explicit?: URL | string): string | undefined {
  if (explicit !== undefined) {
    const path = explicit instanceof URL || explicit.startsWith('file:') ? fileURLToPath(explicit) : explicit;
    return existsSync(path) ? path : undefined;
  }
  for (const ext of ['.ts', '.js']) {
    const path = fileURLToPath(new URL(`./${name}${ext}`, besideUrl));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * `youngGenerationMb` caps the worker's young generation: V8 otherwise grows it to 32 MB per isolate, reserved
 * whether or not the worker allocates that fast, which a long-running process pays for in every thread.
 */
export function startWorker(entry: string, youngGenerationMb?: number): Worker {
  const resourceLimits = youngGenerationMb === undefined ? undefined : { maxYoungGenerationSizeMb: youngGenerationMb };
  return entry.endsWith('.ts') ? new Worker(tsBootstrap(entry), { eval: true, resourceLimits }) : new Worker(entry, { resourceLimits });
}

function tsxEsmApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = require(pkgPath) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}

function tsBootstrap(entry: string): string {
  const tsxApi = JSON.stringify(tsxEsmApi());
  const href = JSON.stringify(pathToFileURL(entry).href);
  // tsx's ESM build: its CommonJS build mis-resolves its own hooks file when registered from a worker.
  return `import(${tsxApi}).then((tsx) => { tsx.register(); return import(${href}); });`;
}
