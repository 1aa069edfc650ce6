// Bundles a TypeScript entry of Threadtap's sources (and everything it imports from the source tree) with esbuild
// into one `.mjs` file in a cache directory, so it runs on plain Node with no TypeScript loader: each tsx `register()`
// costs a module-hooks thread, a whole V8 isolate. Used by the CLI for itself and by the core for its worker threads
// (electron/core/worker-thread.ts). Plain JavaScript, so the CLI can use it before anything loads TypeScript.
//
// Packages stay outside the bundle, imported by their resolved absolute location, so native files and sql.js's wasm
// are found where they are installed whatever the cache directory. `import.meta.url` in a bundled source file is
// replaced by that source file's own URL, so lookups beside a module (the store's nested `db-worker.ts`, the HTML
// export's embed script, the price table's package.json, the UI's `out/renderer`) see the source tree as under tsx.
//
// The bundle is rebuilt when the content of any of its inputs changes (a manifest lists them and their hash). The
// build runs in a child process so that the caller stays synchronous; files are written under a temporary name and
// renamed, so processes building at the same time (vitest's workers) each see a whole file.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bumped when the build below changes in a way the inputs' content does not show. */
const BUILD_FORMAT = 2;

/** Where bundles are kept: THREADTAP_BUNDLE_CACHE_DIR, else a directory of this user's in the OS temp dir. */
export function sourceBundleCacheDir() {
  return process.env.THREADTAP_BUNDLE_CACHE_DIR || join(tmpdir(), `threadtap-bundles-${userId()}`);
}

function userId() {
  try {
    return String(process.getuid?.() ?? userInfo().username);
  } catch {
    return 'user';
  }
}

/**
 * The bundled `.mjs` for a TypeScript entry, built or rebuilt as needed. Throws when the build fails (the error's
 * message carries esbuild's first lines).
 */
export function bundleSource(entry, cacheDir = sourceBundleCacheDir()) {
  if (!ensureOwnDir(cacheDir)) throw new Error(`${cacheDir} belongs to another user`);
  const esbuild = esbuildLocation();
  const key = sha256([BUILD_FORMAT, process.versions.node, esbuild.version, entry].join('\0')).slice(0, 16);
  const manifestPath = join(cacheDir, `${basename(entry, extname(entry))}-${key}.json`);
  const current = freshBundle(manifestPath, key);
  if (current) return current;
  buildInChild(esbuild.url, entry, cacheDir, manifestPath, key);
  const built = freshBundle(manifestPath, key);
  if (!built) throw new Error(`the bundle of ${entry} is out of date right after building it (a source changed meanwhile?)`);
  return built;
}

/** Creates the cache directory private to this user; false when it exists and belongs to someone else. */
function ensureOwnDir(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const uid = process.getuid?.();
  return uid === undefined || statSync(dir).uid === uid;
}

function freshBundle(manifestPath, key) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return undefined;
  }
  const hash = inputsHash(key, manifest.inputs);
  return hash !== undefined && hash === manifest.hash && existsSync(manifest.bundle) ? manifest.bundle : undefined;
}

/** One hash over every input's path and content; undefined when one is gone. Kept in step with the builder's. */
function inputsHash(key, inputs) {
  const hash = createHash('sha256').update(key);
  for (const input of [...inputs].sort()) {
    if (!existsSync(input)) return undefined;
    hash.update('\0').update(input).update('\0').update(readFileSync(input));
  }
  return hash.digest('hex');
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function esbuildLocation() {
  const require = createRequire(import.meta.url);
  const main = require.resolve('esbuild');
  let version = 'unknown';
  try {
    version = require('esbuild/package.json').version;
  } catch {
    // The version only keys the cache; the inputs' hash still decides whether a bundle is current.
  }
  return { url: pathToFileURL(main).href, version };
}

function buildInChild(esbuildUrl, entry, cacheDir, manifestPath, key) {
  const args = JSON.stringify({ esbuildUrl, entry, cacheDir, manifestPath, key, target: `node${process.versions.node}` });
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', BUILDER, args], {
      // Under Electron, process.execPath is the app; it runs the builder as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
  } catch (error) {
    const detail = error.stderr?.toString().trim() || error.message;
    throw new Error(`could not bundle ${entry}: ${detail.split('\n').slice(0, 3).join(' ')}`);
  }
}

/** The build, run by `node -e` in a child process. */
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
// Spelled out of pieces: this builder is itself bundled into the CLI and the workers, where the whole expression
// would be replaced too.
const META_URL = ['import', 'meta', 'url'].join('.');
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
      if (loader !== 'json') contents = contents.replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href));
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
  // As Node resolves packages: no "module" condition or field.
  conditions: [],
  mainFields: ['main'],
  write: false,
  logLevel: 'silent',
  plugins: [sourceTree],
}).catch((error) => {
  process.stderr.write(String(error.message).split('\n').slice(0, 3).join(' '));
  process.exit(1);
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
