import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorkerEntry, startWorker } from '../../electron/core/worker-thread';

const fixture = fileURLToPath(new URL('./fixtures/bundled-worker.ts', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadtap-worker-bundle-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function firstMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code} before reporting`)));
  }).finally(() => worker.terminate());
}

interface Report {
  value: number;
  tsLoader: boolean;
  besideSource: boolean;
  packageWorks: boolean;
  execArgv: string[];
}

describe('workers started from TypeScript source', () => {
  it('run a bundle with no TypeScript loader in the worker, with lookups beside import.meta.url still in the source tree', async () => {
    const report = await firstMessage<Report>(startWorker(fixture));
    expect(report.value).toBe(42);
    expect(report.packageWorks).toBe(true);
    expect(report.besideSource).toBe(true);
    // Under the old bootstrap, tsx (and its module-hooks thread) was registered here and a .ts file would import.
    expect(report.tsLoader).toBe(false);
    expect(report.execArgv.join(' ')).not.toMatch(/tsx/);
  });

  it('fall back to registering tsx in the worker when asked to', async () => {
    process.env.THREADTAP_WORKER_LOADER = 'tsx';
    try {
      const report = await firstMessage<Report>(startWorker(fixture));
      expect(report.value).toBe(42);
      expect(report.tsLoader).toBe(true);
    } finally {
      delete process.env.THREADTAP_WORKER_LOADER;
    }
  });

  it('rebuild the cached bundle when a source file changes, and reuse it while nothing does', async () => {
    const src = tempDir();
    const cache = tempDir();
    const entry = join(src, 'entry.ts');
    writeFileSync(entry, "import { parentPort } from 'node:worker_threads';\nimport { value } from './dep';\nparentPort!.postMessage(value);\n");
    writeFileSync(join(src, 'dep.ts'), 'export const value: string = "first";\n');

    const first = bundledWorkerEntry(entry, cache);
    expect(first).toBeDefined();
    expect(await firstMessage<string>(new Worker(first!))).toBe('first');
    const builtAt = statSync(first!).mtimeMs;
    expect(bundledWorkerEntry(entry, cache)).toBe(first);
    expect(statSync(first!).mtimeMs).toBe(builtAt);

    writeFileSync(join(src, 'dep.ts'), 'export const value: string = "second";\n');
    const second = bundledWorkerEntry(entry, cache);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await firstMessage<string>(new Worker(second!))).toBe('second');
    expect(readFileSync(second!, 'utf8')).not.toContain('first');
  });

  it('keep import.meta.url pointing at the source when the bundling is done from inside a bundle (the CLI, the capture worker)', async () => {
    const src = tempDir();
    const cache = tempDir();
    const builder = fileURLToPath(new URL('../../bin/source-bundle.mjs', import.meta.url));
    const inner = join(src, 'inner.ts');
    writeFileSync(inner, "import { parentPort } from 'node:worker_threads';\nparentPort!.postMessage(import.meta.url);\n");
    const outer = join(src, 'outer.ts');
    writeFileSync(
      outer,
      `import { parentPort } from 'node:worker_threads';\nimport { bundleSource } from ${JSON.stringify(builder)};\n` +
        `parentPort!.postMessage(bundleSource(${JSON.stringify(inner)}, ${JSON.stringify(cache)}));\n`,
    );
    const innerBundle = await firstMessage<string>(new Worker(bundledWorkerEntry(outer, cache)!));
    expect(await firstMessage<string>(new Worker(innerBundle))).toBe(pathToFileURL(inner).href);
  });

  it('report no bundle (so the caller falls back) when the source does not build', () => {
    const src = tempDir();
    const entry = join(src, 'broken.ts');
    writeFileSync(entry, 'export const = ;\n');
    expect(bundledWorkerEntry(entry, tempDir())).toBeUndefined();
  });
});
