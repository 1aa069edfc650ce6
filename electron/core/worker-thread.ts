// Starting one of the core's worker threads from source (tsx, vitest) or from a bundle. A bundle emits each worker
// as `<name>.js` next to the module that starts it, and that file is started as it is.
//
// From source the worker's `.ts` entry and everything it imports from the source tree are bundled with esbuild into
// one `.mjs` file in a cache directory, and that file is started: no TypeScript loader runs in the worker. (Registering
// tsx in each worker instead costs a module-hooks thread, a whole V8 isolate, per worker and per tsx `register()`.)
// Packages stay outside the bundle, imported by their resolved absolute location, so native files and sql.js's wasm
// are found where they are installed whatever the cache directory. `import.meta.url` in a bundled source file is
// replaced by that source file's own URL, so lookups beside a module (the store's nested `db-worker.ts`, the HTML
// export's embed script, the price table's package.json) see the source tree as they do under tsx.
//
// The bundle is rebuilt when the content of any of its inputs changes (a manifest lists them and their hash). The
// build runs in a child process so that starting a worker stays synchronous; it is written to a temporary file and
// renamed, so processes building at the same time (vitest's workers) each see a whole file. Should bundling fail, the
// worker falls back to a bootstrap that registers tsx (THREADTAP_WORKER_LOADER=tsx forces that).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
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
  if (!isTypeScript(entry)) return new Worker(entry, { resourceLimits });
  const bundle = process.env.THREADTAP_WORKER_LOADER === 'tsx' ? undefined : bundledWorkerEntry(entry);
  return bundle ? new Worker(bundle, { resourceLimits }) : new Worker(tsBootstrap(entry), { eval: true, resourceLimits });
}

const isTypeScript = (path: string) => /\.[mc]?tsx?$/.test(path);

// ---- The bundle cache ----

/** Bumped when the build below changes in a way the inputs' content does not show. */
const BUILD_FORMAT = 1;

interface Manifest {
  hash: string;
  bundle: string;
  inputs: string[];
}

/** Where bundles are kept: THREADTAP_WORKER_CACHE_DIR, else a directory of this user's in the OS temp dir. */
export function workerCacheDir(): string {
  return process.env.THREADTAP_WORKER_CACHE_DIR || join(tmpdir(), `threadtap-workers-${userId()}`);
}

function userId(): string {
  try {
    return String(process.getuid?.() ?? userInfo().username);
  } catch {
    return 'user';
  }
}

/** The bundled `.mjs` for a TypeScript worker entry, built or rebuilt as needed; undefined when bundling fails. */
export function bundledWorkerEntry(entry: string, cacheDir: string = workerCacheDir()): string | undefined {
  try {
    if (!ensureOwnDir(cacheDir)) return undefined;
    const esbuild = esbuildLocation();
    const key = sha256([BUILD_FORMAT, process.versions.node, esbuild.version, entry].join('\0')).slice(0, 16);
    const manifestPath = join(cacheDir, `${basename(entry, extname(entry))}-${key}.json`);
    const current = freshBundle(manifestPath, key);
    if (current) return current;
    buildInChild(esbuild.url, entry, cacheDir, manifestPath, key);
    return freshBundle(manifestPath, key);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    process.emitWarning(`could not bundle ${entry}; the worker registers tsx instead: ${detail.split('\n').slice(0, 3).join(' ')}`, 'ThreadtapWorkerBundle');
    return undefined;
  }
}

/** Creates the cache directory private to this user; false when it exists and belongs to someone else. */
function ensureOwnDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const uid = process.getuid?.();
  return uid === undefined || statSync(dir).uid === uid;
}

function freshBundle(manifestPath: string, key: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const hash = inputsHash(key, manifest.inputs);
  return hash !== undefined && hash === manifest.hash && existsSync(manifest.bundle) ? manifest.bundle : undefined;
}

/** One hash over every input's path and content; undefined when one is gone. Kept in step with the builder's. */
function inputsHash(key: string, inputs: string[]): string | undefined {
  const hash = createHash('sha256').update(key);
  for (const input of [...inputs].sort()) {
    if (!existsSync(input)) return undefined;
    hash.update('\0').update(input).update('\0').update(readFileSync(input));
  }
  return hash.digest('hex');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function esbuildLocation(): { url: string; version: string } {
  const require = createRequire(import.meta.url);
  const main = require.resolve('esbuild');
  let version = 'unknown';
  try {
    version = (require('esbuild/package.json') as { version: string }).version;
  } catch {
    // The version only keys the cache; the inputs' hash still decides whether a bundle is current.
  }
  return { url: pathToFileURL(main).href, version };
}

function buildInChild(esbuildUrl: string, entry: string, cacheDir: string, manifestPath: string, key: string): void {
  const args = JSON.stringify({ esbuildUrl, entry, cacheDir, manifestPath, key, target: `node${process.versions.node}` });
  execFileSync(process.execPath, ['--input-type=module', '-e', BUILDER, args], {
    // Under Electron, process.execPath is the app; it runs the builder as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
    windowsHide: true,
  });
}

/** The build, run by `node -e` in a child process. Plain JavaScript: nothing loads TypeScript there. */
const BUILDER = String.raw`
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { esbuildUrl, entry, cacheDir, manifestPath, key, target } = JSON.parse(process.argv[1]);
const esbuildModule = await import(esbuildUrl);
const esbuild = esbuildModule.build ? esbuildModule : esbuildModule.default;
const builtins = new Set(builtinModules);
const sources = new Map();
const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.json': 'json' };

const sourceTree = {
  name: 'threadtap-source-tree',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      const spec = args.path;
      if (args.kind === 'entry-point' || args.pluginData?.inner) return undefined;
      if (spec.startsWith('.') || spec.startsWith('/') || /^[A-Za-z]:[\\/]/.test(spec)) return undefined;
      if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0])) return { path: spec, external: true };
      // A package: imported from where it is installed, so the bundle may live anywhere.
      const found = await build.resolve(spec, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
      if (found.errors.length > 0 || !found.path) return { path: spec, external: true };
      return { path: pathToFileURL(found.path).href, external: true };
    });
    build.onLoad({ filter: /.*/ }, (args) => {
      const loader = loaders[extname(args.path)];
      if (!loader) return undefined;
      const bytes = readFileSync(args.path);
      sources.set(args.path, bytes);
      let contents = bytes.toString('utf8');
      if (loader !== 'json') contents = contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target,
  conditions: [],
  mainFields: ['main'],
  write: false,
  logLevel: 'silent',
  plugins: [sourceTree],
});

const hash = createHash('sha256').update(key);
for (const input of [...sources.keys()].sort()) hash.update('\0').update(input).update('\0').update(sources.get(input));
const digest = hash.digest('hex');

const writeAtomically = (path, contents) => {
  const temp = path + '.' + process.pid + '.' + randomBytes(4).toString('hex') + '.tmp';
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
};
const bundle = join(cacheDir, basename(entry, extname(entry)) + '-' + digest.slice(0, 16) + '.mjs');
writeAtomically(bundle, result.outputFiles[0].contents);
writeAtomically(manifestPath, JSON.stringify({ hash: digest, bundle, inputs: [...sources.keys()].sort() }));
`;

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
