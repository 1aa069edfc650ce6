// Export benchmark: a data dir of Claude-Code-like sessions written through the real store (each turn re-sends its
// history, as agents do), then `threadtap export --all` through the real CLI in a child process, once per format.
// Reports seconds, MB/s of request and response bodies exported, output size, the data dir's size on disk and the
// child's peak RSS (VmHWM). Given several sizes it runs each, so the peak RSS can be compared across set sizes: the
// export reads one record at a time, so what is left to grow is the sql.js database, which the reader holds in
// memory whole (it is far smaller than the bodies: the store keeps repeated history once, deflated).
//   npx tsx bench/export-bench.ts [SIZE_MB…]          (default 100; formats: BENCH_EXPORT_FORMATS=json,har,md,html)

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../shared/exchange';
import { parseCapturedExchange } from '../electron/core/capture/capture-pipeline';
import { openStore } from '../electron/core/store';

const CLI = new URL('../bin/threadtap.js', import.meta.url).pathname;

export interface ExportBenchResult {
  format: string;
  bodyMB: number;
  interactions: number;
  /** The data dir on disk (snapshot plus journal): roughly what the reader's in-memory database holds. */
  dataDirMB: number;
  seconds: number;
  mbPerSecond: number;
  outputMB: number;
  peakRssMB: number;
}

const words = 'the agent reads the failing test then edits parser and runs the suite again until it passes'.split(' ');
const text = (n: number, seed: number) => Array.from({ length: n }, (_, i) => words[(i * 7 + seed) % words.length]).join(' ');

/** Writes sessions of 40 turns until the bodies add up to `sizeBytes`; returns the data dir and the body bytes. */
async function seed(sizeBytes: number): Promise<{ dataDir: string; bytes: number; interactions: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-export-bench-'));
  const store = await openStore({ dataDir });
  let bytes = 0;
  let interactions = 0;
  let clock = Date.UTC(2026, 0, 1);
  for (let s = 0; bytes < sizeBytes; s++) {
    const messages: unknown[] = [];
    let parentId: string | null = null;
    for (let t = 0; t < 40 && bytes < sizeBytes; t++) {
      messages.push({ role: 'user', content: [{ type: 'text', text: `s${s} t${t} ${text(300, s + t)}` }] });
      const id = `bench-${s}-${t}`;
      const request = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 4096, system: text(400, 1), messages });
      const answer = `answer ${s}/${t}: ${text(250, t)}`;
      const response = JSON.stringify({ id: `msg_${id}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: answer }], stop_reason: 'end_turn', usage: { input_tokens: 1000 + t * 400, output_tokens: 300 } });
      const exchange: Exchange = {
        id,
        via: 'proxy',
        method: 'POST',
        url: 'https://api.anthropic.com/v1/messages',
        requestHeaders: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…abcd' },
        requestBody: { encoding: 'utf8', data: request, size: request.length },
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: { encoding: 'utf8', data: response, size: response.length },
        state: 'complete',
        startedAt: (clock += 5000),
        headersAt: clock + 800,
        endedAt: clock + 1200,
      };
      store.putInteraction({ id, exchange, parsed: parseCapturedExchange(exchange), placement: { sessionId: `bench-${s}-0`, parentId, kind: t === 0 ? 'start' : 'turn' } });
      messages.push({ role: 'assistant', content: [{ type: 'text', text: answer }] });
      parentId = id;
      bytes += request.length + response.length;
      interactions++;
      if (t % 10 === 9) await store.flush();
    }
  }
  await store.close();
  return { dataDir, bytes, interactions };
}

/** Runs the CLI and samples its VmHWM (the kernel's peak resident set) until it exits. */
function exportOnce(dataDir: string, format: string, out: string): Promise<{ seconds: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'export', '--all', '--format', format, '--out', out, '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // The child has exited between two samples.
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`export ${format} failed (${code}): ${stderr}`));
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: peakKb / 1024 });
    });
  });
}

const FORMATS = process.env.BENCH_EXPORT_FORMATS?.split(',') ?? ['json', 'har', 'md', 'html'];

const dirBytes = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((sum, e) => sum + (e.isFile() ? statSync(join(e.parentPath, e.name)).size : 0), 0);

/** One data dir per size, each exported in every format. */
export async function benchExport(sizes: number | number[], formats = FORMATS): Promise<ExportBenchResult[]> {
  const results: ExportBenchResult[] = [];
  for (const sizeBytes of [sizes].flat()) {
    const { dataDir, bytes, interactions } = await seed(sizeBytes);
    const dataDirMB = dirBytes(dataDir) / 1e6;
    try {
      for (const format of formats) {
        const out = join(dataDir, `bench.${format}`);
        const { seconds, peakRssMB } = await exportOnce(dataDir, format, out);
        const bodyMB = bytes / 1e6;
        results.push({ format, bodyMB, interactions, dataDirMB, seconds, mbPerSecond: bodyMB / seconds, outputMB: statSync(out).size / 1e6, peakRssMB });
        rmSync(out, { force: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  for (const r of await benchExport((sizes.length ? sizes : [100]).map((mb) => mb * 1e6))) {
    console.log(
      `${r.format.padEnd(4)} ${r.bodyMB.toFixed(0)} MB bodies (${r.interactions} calls, data dir ${r.dataDirMB.toFixed(0)} MB): ${r.seconds.toFixed(1)} s, ${r.mbPerSecond.toFixed(1)} MB/s, output ${r.outputMB.toFixed(0)} MB, peak RSS ${r.peakRssMB.toFixed(0)} MB`,
    );
  }
}
