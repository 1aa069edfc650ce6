// Starting one of the core's worker threads from source (tsx, vitest) or from a bundle. A bundle emits each worker
// as `<name>.js` next to the module that starts it, and that file is started as it is.
//
// From source the worker's `.ts` entry is bundled (bin/source-bundle.mjs: one `.mjs` file in a cache directory, rebuilt
// when a source changes) and that file is started: no TypeScript loader runs in the worker. (Registering tsx in each
// worker instead costs a module-hooks thread, a whole V8 isolate, per worker.) Should bundling fail, the worker falls
// back to a bootstrap that registers tsx (THREADTAP_WORKER_LOADER=tsx forces that).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleSource } from '../../bin/source-bundle.mjs';

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
  if (!isTypeScript(entry)) return new Worker(entry, { resourceLimits });
  const bundle = process.env.THREADTAP_WORKER_LOADER === 'tsx' ? undefined : bundledWorkerEntry(entry);
  return bundle ? new Worker(bundle, { resourceLimits }) : new Worker(tsBootstrap(entry), { eval: true, resourceLimits });
}

const isTypeScript = (path: string) => /\.[mc]?tsx?$/.test(path);

/** The bundled `.mjs` for a TypeScript worker entry; undefined (with a warning) when bundling fails. */
export function bundledWorkerEntry(entry: string, cacheDir?: string): string | undefined {
  try {
    return bundleSource(entry, cacheDir);
  } catch (error) {
    process.emitWarning(`${(error as Error).message}; the worker registers tsx instead`, 'ThreadtapWorkerBundle');
    return undefined;
  }
}

// ---- The fallback: tsx registered inside the worker ----

function tsxEsmApi(): string {
  // Not import.meta.resolve: inside a bundled worker only import.meta.url still points at the source tree.
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
