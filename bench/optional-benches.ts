// Benchmarks other parts of the team own (import, export, store, UI, flow) join the run when their module exists. Each is loaded
// by path so a missing module, or one that throws, becomes an error entry in the results instead of ending the run.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

const quick = process.env.BENCH_QUICK === '1';
const size = (name: string, full: number, fast: number) => Number(process.env[name] ?? (quick ? fast : full));

// The issues ask for a 1 GB HAR import and a 1 GB export with bounded memory. The export runs at two sizes so the
// peak RSS of a small set and of the 1 GB one can be compared (BENCH_EXPORT_BASE_BYTES, BENCH_EXPORT_BYTES).
const MODULES: { key: string; file: string; exportName: string; args: unknown[] }[] = [
  { key: 'import', file: 'import-bench.ts', exportName: 'benchImport', args: [size('BENCH_IMPORT_BYTES', 1_000_000_000, 50_000_000)] },
  { key: 'export', file: 'export-bench.ts', exportName: 'benchExport', args: [[size('BENCH_EXPORT_BASE_BYTES', 100_000_000, 10_000_000), size('BENCH_EXPORT_BYTES', 1_000_000_000, 50_000_000)]] },
  { key: 'store', file: 'store-bench.ts', exportName: 'benchStore', args: [] },
  { key: 'ui', file: 'ui-bench.ts', exportName: 'benchUi', args: [] },
  { key: 'flow', file: 'flow-bench.ts', exportName: 'benchFlow', args: [] },
];

export type OptionalResult = { ok: true; seconds: number; result: unknown } | { ok: false; error: string };

export async function runOptionalBenches(benchDir: string): Promise<Record<string, OptionalResult>> {
  const out: Record<string, OptionalResult> = {};
  for (const { key, file, exportName, args } of MODULES) {
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
      const result: unknown = await (fn as (...a: unknown[]) => unknown)(...args);
      out[key] = { ok: true, seconds: Math.round((performance.now() - started) / 100) / 10, result };
    } catch (error) {
      out[key] = { ok: false, error: (error as Error).stack ?? String(error) };
    }
    process.stderr.write(`bench: ${key} ${out[key].ok ? 'done' : `failed: ${(out[key] as { error: string }).error.split('\n')[0]}`}\n`);
  }
  return out;
}
