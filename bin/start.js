#!/usr/bin/env node
// `npm start`: the desktop app when Electron can run on this machine, otherwise the same core headless
// (`threadtap serve`), so a fresh `npm install && npm start` always ends with a working capture and a UI URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['electron', 'renderer', 'shared', 'resources', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
/** An Electron that dies this soon did not start (missing libraries, no sandbox as root, …); later exits are the user's. */
const STARTUP_WINDOW_MS = 5000;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => (name === 'node_modules' ? 0 : newestMtime(join(path, name)))));
}

/** Builds out/ when it is missing or older than a source. Returns an error message when the build fails. */
function buildIfStale() {
  const oldestOutput = Math.min(...OUTPUTS.map((path) => (existsSync(join(root, path)) ? statSync(join(root, path)).mtimeMs : 0)));
  const newestSource = Math.max(...SOURCES.map((path) => newestMtime(join(root, path))));
  if (oldestOutput >= newestSource) return undefined;
  process.stderr.write('[threadtap] building the app (electron-vite build)…\n');
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status === 0) return undefined;
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}\n`);
  return 'the app build failed (output above)';
}

/**
 * The Electron executable, or why there is none. The `electron` module is not required: when its binary is missing
 * it tries to download it, which hangs offline. Its own lookup (path.txt + dist/) is repeated here instead.
 */
function findElectron() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const binary = relative ? join(distDir, relative) : undefined;
  if (!binary || !existsSync(binary)) {
    return { reason: 'its binary was never downloaded (npm ran with ignore-scripts; `node node_modules/electron/install.js` fetches it)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { binary };
}

/** Runs Electron; resolves with a reason when it failed to start, and exits with its status when it ran. */
function runElectron(binary) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const startedAt = Date.now();
    const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
    // Ctrl-C reaches Electron too (same process group); stay to report its status instead of dying first.
    const ignore = () => {};
    const forward = () => child.kill('SIGTERM');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.once('error', (error) => resolve(`it could not be spawned (${error.message})`));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      if (code !== 0 && signal === null && Date.now() - startedAt < STARTUP_WINDOW_MS) {
        resolve(`it exited with code ${code} while starting (its output is above)`);
      } else {
        process.exit(code ?? 1);
      }
    });
  });
}

const buildFailure = buildIfStale();
const electron = buildFailure ? { reason: buildFailure } : findElectron();
const reason = electron.binary ? await runElectron(electron.binary) : electron.reason;

process.stderr.write(`[threadtap] Electron could not start: ${reason}. Running Threadtap headless instead (threadtap serve); open the UI URL below in a browser.\n`);
process.argv = [process.argv[0], join(root, 'bin', 'threadtap.js'), 'serve', ...process.argv.slice(2)];
await import('./threadtap.js');
