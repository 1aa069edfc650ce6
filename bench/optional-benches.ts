// Benchmarks other parts of the team own (import, store, UI) join the run when their module exists. Each is loaded
// by path so a missing module, or one that throws, becomes an error entry in the results instead of ending the run.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MODULES = [
  { key: 'import', file: 'import-bench.ts', exportName: 'benchImport' },
  { key: 'store', file: 'store-bench.ts', exportName: 'benchStore' },
  { key: 'ui', file: 'ui-bench.ts', exportName: 'benchUi' },
] as const;

export type OptionalResult = { ok: true; seconds: number; result: unknown } | { ok: false; error: string };

export async function runOptionalBenches(benchDir: string): Promise<Record<string, OptionalResult>> {
  const out: Record<string, OptionalResult> = {};
  for (const { key, file, exportName } of MODULES) {
    const path = join(benchDir, file);
    if (!existsSync(path)) {
      out[key] = { ok: false, error: `bench/${file} does not exist yet` };
      continue;
    }
    const started = performance.now();
    try {
      const mod = (await import(path)) as Record<string, unknown>;
      const fn = mod[exportName];
      if (typeof fn !== 'function') throw new Error(`bench/${file} has no exported function ${exportName}`);
      const result: unknown = await (fn as () => unknown)();
      out[key] = { ok: true, seconds: Math.round((performance.now() - started) / 100) / 10, result };
    } catch (error) {
      out[key] = { ok: false, error: (error as Error).stack ?? String(error) };
    }
    process.stderr.write(`bench: ${key} ${out[key].ok ? 'done' : `failed: ${(out[key] as { error: string }).error.split('\n')[0]}`}\n`);
  }
  return out;
}
