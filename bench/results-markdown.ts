// The markdown written to bench/RESULTS.md: one comparison table, the headline ratios, and the long runs.

import type { OptionalResult } from './optional-benches';

export interface TargetResult {
  latencyMs: { p50: number; p99: number };
  throughputRps: { c8: number; c64: number };
  streamFirstEventMs: { p50: number };
  streamEventDelayMs: { p50: number; p99: number };
  firstRequestNewHostMs: { p50: number } | null;
  proxyCpuSeconds: number | null;
  proxyPeakRssMb: number | null;
}

const cell = (v: unknown) => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '-' : String(v));

export function resultsMarkdown(doc: {
  machine: string;
  config: Record<string, unknown>;
  results: Record<string, TargetResult>;
  skipped: Record<string, string>;
  ratios: Record<string, Record<string, number | null>>;
  captureCatchUpSeconds?: number | null | { error: string };
  volume?: Record<string, unknown> | { error: string };
  soak?: Record<string, unknown> | { error: string };
  optional?: Record<string, OptionalResult>;
}): string {
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${doc.machine}. Config: \`${JSON.stringify(doc.config)}\`.`,
    '',
    '| target | p50 ms | p99 ms | req/s @8 | req/s @64 | first event p50 ms | event delay p50 / p99 ms | new host p50 ms | proxy CPU s | proxy peak MB |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, r] of Object.entries(doc.results)) {
    lines.push(`| ${name} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.throughputRps.c8} | ${r.throughputRps.c64} | ${r.streamFirstEventMs.p50} | ${r.streamEventDelayMs.p50} / ${r.streamEventDelayMs.p99} | ${cell(r.firstRequestNewHostMs?.p50)} | ${cell(r.proxyCpuSeconds)} | ${cell(r.proxyPeakRssMb)} |`);
  }
  for (const [name, why] of Object.entries(doc.skipped)) lines.push(`| ${name} | skipped: ${why} |||||||||`);
  lines.push('', '## Headline ratios (Threadtap ÷ other; latency and CPU: lower is better, throughput: higher is better)', '');
  lines.push('| ratio | vs direct | vs bare http-mitm-proxy (floor) | vs mitmdump |', '|---|---|---|---|');
  const names = Object.keys(doc.ratios.vsDirect ?? {});
  for (const key of names) lines.push(`| ${key} | ${cell(doc.ratios.vsDirect?.[key])} | ${cell(doc.ratios.vsFloor?.[key])} | ${cell(doc.ratios.vsMitmdump?.[key])} |`);
  lines.push(
    '',
    `Capture holds a burst of calls and runs below the proxy's priority, so a burst is captured after it: after each of Threadtap's rounds the bench waits, uncounted, until capture has every call (at most ${cell(typeof doc.captureCatchUpSeconds === 'number' ? doc.captureCatchUpSeconds : null)} s after the round's last call).`,
  );
  lines.push('', '## Long runs against a fresh `threadtap serve`', '');
  lines.push('Volume (goal: 100,000 interactions under 400 MB RSS):', '', '```json', JSON.stringify(doc.volume ?? null, null, 2), '```', '');
  const soak = doc.soak && 'rssSamples' in doc.soak ? { ...doc.soak, rssSamples: `${(doc.soak.rssSamples as unknown[]).length} samples in the JSON output` } : doc.soak;
  lines.push('Soak (goal: flat memory):', '', '```json', JSON.stringify(soak ?? null, null, 2), '```', '');
  if (doc.optional) {
    lines.push('## Import, store and UI benchmarks', '');
    for (const [key, r] of Object.entries(doc.optional)) {
      lines.push(`### ${key}`, '', r.ok ? `Took ${r.seconds} s.` : 'Not run:', '', '```', r.ok ? JSON.stringify(r.result, null, 2) : r.error.split('\n')[0], '```', '');
    }
  }
  return lines.join('\n') + '\n';
}
