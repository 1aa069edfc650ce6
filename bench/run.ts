// `npm run bench`: the proxy's cost measured against direct and against a bare http-mitm-proxy, in one run on one
// machine. Prints a table, then the figures as JSON.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startBenchUpstream } from './bench-upstream';
import { directTarget, proxiedTarget, runConcurrent, timedRequest, timedStream, type Target } from './bench-client';
import { spawnAndReadLine, processUsage } from './child-process';
import { summarize, round } from './stats';
import { loadOrCreateCa } from '../electron/core/proxy/certificate-authority';
import { createLeafCertificateIssuer } from '../electron/core/proxy/leaf-certificates';

const WARM = 300;
const TOTAL_CONCURRENT = 800;
const STREAMS = 10;
const EVENTS = 50;
const NEW_HOSTS = 10;
const repo = new URL('../', import.meta.url).pathname;

async function measureTarget(target: Target, child?: ChildProcess) {
  for (let i = 0; i < 20; i++) await timedRequest(target);
  const cpuBefore = child?.pid ? processUsage(child.pid) : null;
  const latencies: number[] = [];
  for (let i = 0; i < WARM; i++) latencies.push(await timedRequest(target));
  const throughput = await runConcurrent(target, TOTAL_CONCURRENT, 8);
  const firstEvents: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i < STREAMS; i++) {
    const timing = await timedStream(target, EVENTS, 2);
    firstEvents.push(timing.firstEventMs);
    delays.push(...timing.delaysMs);
  }
  const newHost: number[] = [];
  if (target.name !== 'direct') {
    for (let i = 1; i <= NEW_HOSTS; i++) newHost.push(await timedRequest(target, '', `https://h${i}.bench.test`));
  }
  const cpuAfter = child?.pid ? processUsage(child.pid) : null;
  return {
    latencyMs: summarize(latencies),
    throughputRps: round(throughput, 0),
    streamFirstEventMs: summarize(firstEvents),
    streamEventDelayMs: summarize(delays),
    firstRequestNewHostMs: newHost.length ? summarize(newHost) : null,
    proxyCpuSeconds: cpuBefore && cpuAfter ? round(cpuAfter.cpuSeconds - cpuBefore.cpuSeconds) : null,
    proxyPeakRssMb: cpuAfter ? round(cpuAfter.peakRssMb, 0) : null,
  };
}

async function certificateWork() {
  const ca = await loadOrCreateCa(mkdtempSync(join(tmpdir(), 'tt-bench-ca-')));
  const issuer = await createLeafCertificateIssuer(ca);
  await issuer.issue('warm.bench.test');
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await issuer.issue(`new${i}.bench.test`);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function main() {
  const upstream = await startBenchUpstream();
  const maps = ['api', ...Array.from({ length: NEW_HOSTS }, (_, i) => `h${i + 1}`)].flatMap((h) => ['--map', `${h}.bench.test=https://127.0.0.1:${upstream.port}`]);
  const threadtap = await spawnAndReadLine(process.execPath, [
    join(repo, 'bin/threadtap.js'), 'serve', '--port', '0', '--ready-json', '--data-dir', mkdtempSync(join(tmpdir(), 'tt-bench-')),
    '--upstream-ca', upstream.pki.caPath, ...maps,
  ]);
  const ready = JSON.parse(threadtap.line) as { proxyUrl: string; caCert: string };
  const bareCaDir = mkdtempSync(join(tmpdir(), 'tt-bench-bare-'));
  const bare = await spawnAndReadLine(process.execPath, ['--import', 'tsx', join(repo, 'bench/bare-proxy.ts'), String(upstream.port), upstream.pki.caPath, bareCaDir]);

  try {
    const results = {
      direct: await measureTarget(directTarget(upstream.port, upstream.pki.caPem)),
      bareMitmProxy: await measureTarget(proxiedTarget('bare', `http://127.0.0.1:${bare.line.trim()}`, readFileSync(join(bareCaDir, 'certs/ca.pem'), 'utf8')), bare.child),
      threadtap: await measureTarget(proxiedTarget('threadtap', ready.proxyUrl, readFileSync(ready.caCert, 'utf8')), threadtap.child),
    };
    const certificate = await certificateWork();
    const { direct, bareMitmProxy: floor, threadtap: tt } = results;
    const goals = {
      p50VsBare: round(tt.latencyMs.p50 / floor.latencyMs.p50),
      throughputVsBare: round(tt.throughputRps / floor.throughputRps),
      eventDelayP99OverDirectMs: round(tt.streamEventDelayMs.p99 - direct.streamEventDelayMs.p99),
      leafCertificateMs: certificate,
    };
    printTable(results, goals);
    process.stdout.write(JSON.stringify({ capture: { ...results, goals } }, null, 2) + '\n');
  } finally {
    threadtap.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    upstream.close();
  }
}

function printTable(results: Record<string, Awaited<ReturnType<typeof measureTarget>>>, goals: Record<string, unknown>) {
  const rows = [['target', 'p50 ms', 'p99 ms', 'req/s @8', 'first event p50', 'event delay p50/p99', 'new host p50', 'cpu s', 'peak MB']];
  for (const [name, r] of Object.entries(results)) {
    rows.push([
      name,
      String(r.latencyMs.p50),
      String(r.latencyMs.p99),
      String(r.throughputRps),
      String(r.streamFirstEventMs.p50),
      `${r.streamEventDelayMs.p50} / ${r.streamEventDelayMs.p99}`,
      r.firstRequestNewHostMs ? String(r.firstRequestNewHostMs.p50) : '-',
      r.proxyCpuSeconds === null ? '-' : String(r.proxyCpuSeconds),
      r.proxyPeakRssMb === null ? '-' : String(r.proxyPeakRssMb),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) process.stdout.write(`| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |\n`);
  process.stdout.write(`\ngoals: ${JSON.stringify(goals)}\n\n`);
}

await main();
