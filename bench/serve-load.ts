// Long runs against a fresh `threadtap serve` child: memory after a volume of interactions (goal: 100,000 under
// 400 MB) and a soak of sustained mixed traffic compressed into minutes (goal: flat memory). Both sample the
// child's RSS from /proc and report a least-squares slope rather than one reading, because V8's heap breathes.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxiedTarget, timedRequest, timedStream, uniqueBody, type Target } from './bench-client';
import { captureCatchUpSeconds } from './capture-lag';
import { currentRssMb, spawnAndReadLine } from './child-process';
import { round, slope } from './stats';

export interface ServeChild {
  pid: number;
  target: Target;
  uiUrl: string;
  /** Stops `serve` and deletes its data dir (about 90 MB after the volume run). */
  stop(): Promise<void>;
}

export async function startServe(repo: string, upstreamPort: number, upstreamCaPath: string): Promise<ServeChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-long-'));
  const { child, line } = await spawnAndReadLine(process.execPath, [
    join(repo, 'bin/threadtap.js'), 'serve', '--port', '0', '--ready-json', '--data-dir', dataDir,
    '--upstream-ca', upstreamCaPath, '--map', `api.bench.test=https://127.0.0.1:${upstreamPort}`,
  ]);
  const ready = JSON.parse(line) as { proxyUrl: string; uiUrl: string; caCert: string };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid!,
    uiUrl: ready.uiUrl,
    target: proxiedTarget('threadtap', ready.proxyUrl, readFileSync(ready.caCert, 'utf8')),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const SETTLE_SECONDS = 30;

interface Sample { seconds: number; done: number; rssMb: number }

/** Sends unique small calls (one in ten streamed) at `concurrency` until `total` are done or `maxSeconds` pass. */
async function drive(serve: ServeChild, total: number, maxSeconds: number, concurrency: number, pauseMs = 0) {
  const started = performance.now();
  const samples: Sample[] = [];
  let done = 0;
  let failed = 0;
  let next = 0;
  const elapsed = () => (performance.now() - started) / 1000;
  const sampler = setInterval(() => samples.push({ seconds: elapsed(), done, rssMb: currentRssMb(serve.pid) }), 1000);
  samples.push({ seconds: 0, done: 0, rssMb: currentRssMb(serve.pid) });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && elapsed() < maxSeconds) {
        const n = next++;
        try {
          if (n % 10 === 9) await timedStream(serve.target, 20, 1, uniqueBody(n, true));
          else await timedRequest(serve.target, '', serve.target.base, uniqueBody(n));
          done++;
        } catch {
          failed++;
        }
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    }),
  );
  clearInterval(sampler);
  // Give the store a moment to take in the tail, then read memory as it settles.
  await new Promise((r) => setTimeout(r, 3000));
  samples.push({ seconds: elapsed(), done, rssMb: currentRssMb(serve.pid) });
  return { samples, done, failed, seconds: elapsed() };
}

export async function measureVolume(repo: string, upstreamPort: number, caPath: string, total: number, maxSeconds: number) {
  const serve = await startServe(repo, upstreamPort, caPath);
  try {
    const run = await drive(serve, total, maxSeconds, 16);
    const last = run.samples[run.samples.length - 1];
    // What a developer sees once an agent run is over: capture has stored every call and the process sat idle long
    // enough for V8 to shrink its heaps (its memory reducer acts after several seconds of low allocation).
    // Counted from the end sample, which drive() takes 3 s after the last call.
    const catchUpSeconds = await captureCatchUpSeconds(serve.uiUrl, 300);
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    const settledRssMb = currentRssMb(serve.pid);
    // Memory per interaction from the second half of the run (past start-up and JIT warm-up).
    const half = run.samples.filter((s) => s.done >= run.done / 2);
    const mbPer1k = slope(half.map((s) => ({ x: s.done / 1000, y: s.rssMb })));
    const extrapolated = run.done < total ? last.rssMb + (mbPer1k * (total - run.done)) / 1000 : null;
    return {
      target: total,
      sent: run.done,
      failed: run.failed,
      seconds: round(run.seconds, 1),
      perSecond: round(run.done / run.seconds, 0),
      startRssMb: round(run.samples[0].rssMb, 0),
      endRssMb: round(last.rssMb, 0),
      captureCaughtUpSecondsAfterEnd: catchUpSeconds,
      settledRssMb: round(settledRssMb, 0),
      settledAfterIdleSeconds: SETTLE_SECONDS,
      peakRssMb: round(Math.max(...run.samples.map((s) => s.rssMb)), 0),
      mbPer1kInteractions: round(mbPer1k, 2),
      extrapolatedRssMbAtTarget: extrapolated === null ? null : round(extrapolated, 0),
      goalMb: 400,
    };
  } finally {
    await serve.stop();
  }
}

/** Sustained traffic at a steady pace: ~`callsPerSecond` for `seconds`; 86,400 calls is a day of an agent making
 * one call a second, which sets how many hours of such a day the run stands for. */
export async function measureSoak(repo: string, upstreamPort: number, caPath: string, seconds: number) {
  const serve = await startServe(repo, upstreamPort, caPath);
  try {
    const run = await drive(serve, Number.MAX_SAFE_INTEGER, seconds, 8, 5);
    // The first 20% is warm-up (JIT, pools, caches); the slope is judged on the rest.
    const steady = run.samples.filter((s) => s.seconds >= run.seconds * 0.2);
    const mbPerMinute = slope(steady.map((s) => ({ x: s.seconds / 60, y: s.rssMb })));
    const mbPer1k = slope(steady.map((s) => ({ x: s.done / 1000, y: s.rssMb })));
    return {
      seconds: round(run.seconds, 0),
      interactions: run.done,
      failed: run.failed,
      equivalentHoursAt1PerSecond: round(run.done / 3600, 1),
      rssMbFirst: round(steady[0]?.rssMb ?? NaN, 0),
      rssMbLast: round(steady[steady.length - 1]?.rssMb ?? NaN, 0),
      rssSlopeMbPerMinute: round(mbPerMinute, 2),
      rssSlopeMbPer1kInteractions: round(mbPer1k, 2),
      rssSamples: run.samples.map((s) => [round(s.seconds, 0), s.done, round(s.rssMb, 0)]),
    };
  } finally {
    await serve.stop();
  }
}
