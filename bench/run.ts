// `npm run bench`: the proxy's cost measured against direct, a bare http-mitm-proxy (the floor of our dependency)
// and mitmproxy's mitmdump, in one run on one machine; then memory after a volume of interactions and a soak.
// Prints a table and the figures as JSON, and writes bench/RESULTS.md. Sizes come from env vars (see config).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startBenchUpstream } from './bench-upstream';
import { directTarget, proxiedTarget, runConcurrent, timedRequest, timedStream, type Target } from './bench-client';
import { spawnAndReadLine, processUsage, exited } from './child-process';
import { median, percentile, summarize, round } from './stats';
import { startMitmdump } from './mitmdump-peer';
import { measureSoak, measureVolume } from './serve-load';
import { captureCatchUpSeconds } from './capture-lag';
import { runOptionalBenches } from './optional-benches';
import { resultsMarkdown, type TargetResult } from './results-markdown';
import { useRunTempDir } from '../test/helpers/run-temp-dir';
import { loadOrCreateCa } from '../electron/core/proxy/certificate-authority';
import { createLeafCertificateIssuer } from '../electron/core/proxy/leaf-certificates';

const quick = process.env.BENCH_QUICK === '1';
const num = (name: string, full: number, fast: number) => Number(process.env[name] ?? (quick ? fast : full));
const config = {
  warm: num('BENCH_WARM', 300, 50),
  concurrentTotal: num('BENCH_CONCURRENT_TOTAL', 800, 200),
  streams: num('BENCH_STREAMS', 10, 3),
  rounds: num('BENCH_ROUNDS', 3, 1),
  events: num('BENCH_EVENTS', 50, 20),
  newHosts: Math.min(10, num('BENCH_NEW_HOSTS', 10, 3)),
  interactions: num('BENCH_INTERACTIONS', 100_000, 3000),
  volumeMaxSeconds: num('BENCH_VOLUME_SECONDS', 240, 30),
  soakSeconds: num('BENCH_SOAK_SECONDS', 90, 20),
  long: process.env.BENCH_SKIP_LONG !== '1',
  optional: process.env.BENCH_SKIP_OPTIONAL !== '1',
};
const repo = new URL('../', import.meta.url).pathname;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

interface RoundSamples {
  latencies: number[];
  c8: number;
  c64: number;
  firstEvents: number[];
  delays: number[];
}

/** One round that is not counted: a target's first round pays for compiling its paths (and Threadtap's capture
 * worker's) under load, which the rounds are not meant to measure. */
async function warmTarget(target: Target): Promise<void> {
  for (let i = 0; i < 20; i++) await timedRequest(target);
  await measureRound(target);
}

async function measureRound(target: Target): Promise<RoundSamples> {
  const latencies: number[] = [];
  for (let i = 0; i < config.warm; i++) latencies.push(await timedRequest(target));
  const c8 = await runConcurrent(target, config.concurrentTotal, 8);
  const c64 = await runConcurrent(target, config.concurrentTotal, 64);
  const firstEvents: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i < config.streams; i++) {
    const timing = await timedStream(target, config.events, 2);
    firstEvents.push(timing.firstEventMs);
    delays.push(...timing.delaysMs);
  }
  return { latencies, c8, c64, firstEvents, delays };
}

interface Measured {
  name: string;
  target: Target;
  child?: ChildProcess;
  /** Waits, uncounted, after each of this target's rounds until its capture has caught up; resolves to how long it
   * took, in seconds. Work left over would otherwise fall on the next target's round. */
  catchUp?: () => Promise<number | null>;
}

/**
 * Every target is measured in `config.rounds` rounds, taking turns, each round starting with the next target: a
 * change in the machine's load during the run then falls on all of them alike, rather than on whichever was measured
 * at that moment. Latencies and stream delays are pooled over the rounds; throughput is the median round's.
 */
async function measureTargets(measured: Measured[]): Promise<Record<string, TargetResult & Record<string, unknown>>> {
  for (const { name, target, catchUp } of measured) {
    log(`warming ${name}`);
    await warmTarget(target);
    await catchUp?.();
  }
  const cpuBefore = measured.map(({ child }) => (child?.pid ? processUsage(child.pid) : null));
  const rounds: RoundSamples[][] = measured.map(() => []);
  const catchUps: (number | null)[][] = measured.map(() => []);
  for (let round = 0; round < config.rounds; round++) {
    for (let turn = 0; turn < measured.length; turn++) {
      const at = (turn + round) % measured.length;
      log(`round ${round + 1} of ${config.rounds}: ${measured[at].name}`);
      rounds[at].push(await measureRound(measured[at].target).catch((error: Error) => {
        // A proxy that drops one connection under load (the floor printed ECONNRESET once) should cost a round,
        // not the whole run; a second failure ends the run.
        log(`round ${round + 1} of ${measured[at].name} failed (${error.message}); measuring it again`);
        return measureRound(measured[at].target);
      }));
      const catchUp = await measured[at].catchUp?.();
      if (catchUp !== undefined) catchUps[at].push(catchUp);
    }
  }
  const results: Record<string, TargetResult & Record<string, unknown>> = {};
  for (const [at, { name, target, child }] of measured.entries()) {
    const newHost: number[] = [];
    if (name !== 'direct') {
      for (let i = 1; i <= config.newHosts; i++) newHost.push(await timedRequest(target, '', `https://h${i}.bench.test`));
    }
    const cpuAfter = child?.pid ? processUsage(child.pid) : null;
    const own = rounds[at];
    results[name] = {
      latencyMs: summarize(own.flatMap((r) => r.latencies)),
      throughputRps: { c8: round(median(own.map((r) => r.c8)), 0), c64: round(median(own.map((r) => r.c64)), 0) },
      throughputRoundsRps: { c8: own.map((r) => round(r.c8, 0)), c64: own.map((r) => round(r.c64, 0)) },
      latencyRoundsP50Ms: own.map((r) => round(percentile(r.latencies, 50))),
      eventDelayRoundsP99Ms: own.map((r) => round(percentile(r.delays, 99))),
      ...(catchUps[at].length ? { captureCatchUpRoundsSeconds: catchUps[at] } : {}),
      streamFirstEventMs: summarize(own.flatMap((r) => r.firstEvents)),
      streamEventDelayMs: summarize(own.flatMap((r) => r.delays)),
      firstRequestNewHostMs: newHost.length ? summarize(newHost) : null,
      proxyCpuSeconds: cpuBefore[at] && cpuAfter ? round(cpuAfter.cpuSeconds - cpuBefore[at]!.cpuSeconds) : null,
      proxyPeakRssMb: cpuAfter ? round(cpuAfter.peakRssMb, 0) : null,
    };
  }
  return results;
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

/** Threadtap ÷ other, per headline figure; null where the other was not measured. */
function ratios(tt: TargetResult, other: TargetResult | undefined) {
  const r = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(a / b) : null);
  return {
    latencyP50: r(tt.latencyMs.p50, other?.latencyMs.p50),
    latencyP99: r(tt.latencyMs.p99, other?.latencyMs.p99),
    throughputC8: r(tt.throughputRps.c8, other?.throughputRps.c8),
    throughputC64: r(tt.throughputRps.c64, other?.throughputRps.c64),
    firstEventP50: r(tt.streamFirstEventMs.p50, other?.streamFirstEventMs.p50),
    eventDelayP99: r(tt.streamEventDelayMs.p99, other?.streamEventDelayMs.p99),
    newHostP50: r(tt.firstRequestNewHostMs?.p50, other?.firstRequestNewHostMs?.p50),
    cpuSeconds: r(tt.proxyCpuSeconds, other?.proxyCpuSeconds),
    peakRssMb: r(tt.proxyPeakRssMb, other?.proxyPeakRssMb),
  };
}

async function settle<T>(what: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await fn();
  } catch (error) {
    log(`${what} failed: ${(error as Error).message}`);
    return { error: (error as Error).message };
  }
}

async function main() {
  const started = performance.now();
  // The data dirs, CA dirs and mitmdump's config of this run, and of every process it starts, go in one place.
  const removeTempDir = useRunTempDir('threadtap-bench-');
  const upstream = await startBenchUpstream();
  const hosts = ['api', ...Array.from({ length: config.newHosts }, (_, i) => `h${i + 1}`)];
  const maps = hosts.flatMap((h) => ['--map', `${h}.bench.test=https://127.0.0.1:${upstream.port}`]);
  const threadtap = await spawnAndReadLine(process.execPath, [
    join(repo, 'bin/threadtap.js'), 'serve', '--port', '0', '--ready-json', '--data-dir', mkdtempSync(join(tmpdir(), 'tt-bench-')),
    '--upstream-ca', upstream.pki.caPath, ...maps,
  ]);
  const ready = JSON.parse(threadtap.line) as { proxyUrl: string; uiUrl: string; caCert: string };
  const bareCaDir = mkdtempSync(join(tmpdir(), 'tt-bench-bare-'));
  const bare = await spawnAndReadLine(process.execPath, ['--import', 'tsx', join(repo, 'bench/bare-proxy.ts'), String(upstream.port), upstream.pki.caPath, bareCaDir]);
  const mitmdump = await startMitmdump(upstream.port, upstream.pki.caPath);
  const skipped: Record<string, string> = {};
  if (!mitmdump) {
    skipped.mitmdump = 'mitmdump is not installed (apt-get install -y mitmproxy)';
    log(`skipping the mitmdump column: ${skipped.mitmdump}`);
  }

  try {
    const results: Record<string, TargetResult> = await measureTargets([
      { name: 'direct', target: directTarget(upstream.port, upstream.pki.caPem) },
      { name: 'bareMitmProxy', target: proxiedTarget('bare', `http://127.0.0.1:${bare.line.trim()}`, readFileSync(join(bareCaDir, 'certs/ca.pem'), 'utf8')), child: bare.child },
      {
        name: 'threadtap',
        target: proxiedTarget('threadtap', ready.proxyUrl, readFileSync(ready.caCert, 'utf8')),
        child: threadtap.child,
        catchUp: () => captureCatchUpSeconds(ready.uiUrl),
      },
    ]);
    const catchUps = (results.threadtap as { captureCatchUpRoundsSeconds?: (number | null)[] }).captureCatchUpRoundsSeconds ?? [];
    const captureCatchUp = catchUps.includes(null) ? null : Math.max(...(catchUps as number[]));
    if (mitmdump) {
      // The peer may buckle at concurrency 64 (Python, one core); that becomes a note, not the end of the run.
      const name = `mitmdump ${mitmdump.version}`;
      const peer = await settle('mitmdump', () => measureTargets([{ name, target: proxiedTarget('mitmdump', mitmdump.proxyUrl, mitmdump.caPem), child: mitmdump.child }]));
      if ('error' in peer) skipped[name] = `failed: ${peer.error}`;
      else results[name] = peer[name];
    }
    for (const child of [threadtap.child, bare.child, mitmdump?.child]) child?.kill('SIGTERM');

    const tt = results.threadtap;
    const mitmKey = Object.keys(results).find((k) => k.startsWith('mitmdump'));
    const headline = {
      vsDirect: ratios(tt, results.direct),
      vsFloor: ratios(tt, results.bareMitmProxy),
      vsMitmdump: ratios(tt, mitmKey ? results[mitmKey] : undefined),
    };
    const leafCertificateMs = await certificateWork();
    let volume, soak;
    if (config.long) {
      log(`volume: ${config.interactions} interactions (at most ${config.volumeMaxSeconds} s)`);
      volume = await settle('volume', () => measureVolume(repo, upstream.port, upstream.pki.caPath, config.interactions, config.volumeMaxSeconds));
      log(`soak: ${config.soakSeconds} s of sustained traffic`);
      soak = await settle('soak', () => measureSoak(repo, upstream.port, upstream.pki.caPath, config.soakSeconds));
    }
    const optional = config.optional ? await runOptionalBenches(new URL('./', import.meta.url).pathname) : undefined;
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30, 0)} GB, Node ${process.versions.node}`;
    const doc = { machine, config, results, skipped, ratios: headline, captureCatchUpSeconds: captureCatchUp, leafCertificateMs, volume, soak, optional, totalSeconds: round((performance.now() - started) / 1000, 0) };
    const markdown = resultsMarkdown(doc);
    writeFileSync(new URL('./RESULTS.md', import.meta.url), markdown);
    process.stdout.write(markdown + '\n' + JSON.stringify(doc, null, 2) + '\n');
  } finally {
    for (const child of [threadtap.child, bare.child, mitmdump?.child]) child?.kill('SIGTERM');
    upstream.close();
    // Their data dirs go once they have stopped writing to them (or after 5 s).
    await Promise.all([threadtap.child, bare.child, mitmdump?.child].map((child) => child && exited(child, 5_000)));
    removeTempDir();
  }
}

await main();
process.exit(0);
