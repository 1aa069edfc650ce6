// Reconstruction and storage figures for `npm run bench` (issue 3): (a) placement throughput and cost per
// interaction for sessions of 10, 100 and 1,000 turns, with the provider's normalization timed apart; (b) database
// size on disk against the request bodies captured, for one long agent session and for a mixed workload, through
// the real store (worker, journal, snapshot), plus what a put costs the main thread and how large the journal grew.
// Run alone: `npx tsx bench/store-bench.ts` prints the figures as JSON.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSessionIndex, describeCost, placeInteraction } from '../electron/core/sessions';
import { toReconInteraction } from '../electron/core/sessions/from-record';
import { openStore } from '../electron/core/store';
import type { InteractionRecord } from '../shared/interaction';
import { claudeCodeSession, inFlight, openAiChatSession, parseRecorded } from '../test/core/store/agent-session-factory';
import { tempDataDir } from '../test/core/store/store-factories';

export interface PlacementFigures {
  turns: number;
  interactionsPerSecond: number;
  /** Mean time of placing one interaction (request placed, answer registered), normalization excluded. */
  meanPlaceMs: number;
  /** Mean over the last tenth of the session: flat cost means this is close to the mean. */
  lastTenthPlaceMs: number;
  meanNormalizeMs: number;
  lookupsPerPlacement: number;
  /** Units normalized and hashed per placement: what requests add, not their history. */
  unitsPerPlacement: number;
  meanRequestBodyBytes: number;
}

export interface SizeFigures {
  workload: string;
  interactions: number;
  requestBodyBytes: number;
  databaseBytes: number;
  /** databaseBytes / requestBodyBytes; the goal is ≤ 0.05. */
  ratio: number;
  /** Journal on disk just before the snapshot (every record was put twice, as the live pipeline does). */
  journalBytes: number;
  meanPutMs: number;
  maxPutMs: number;
  snapshotExportMs: number;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export async function benchPlacement(turns: number): Promise<PlacementFigures> {
  const index = createSessionIndex();
  let placeMs = 0;
  let lastTenthMs = 0;
  let normalizeMs = 0;
  let bodyBytes = 0;
  let n = 0;
  const size = turns >= 1_000 ? 0.2 : 1;
  for (const raw of claudeCodeSession({ seed: 11, turns, idPrefix: `p${turns}`, size, parse: false })) {
    let started = performance.now();
    const record: InteractionRecord = { ...raw, parsed: parseRecorded(raw.exchange) };
    normalizeMs += performance.now() - started;
    bodyBytes += raw.exchange.requestBody!.size;
    const x = toReconInteraction(record)!;
    started = performance.now();
    // Live order: the request is placed when it is sent, its answer registered when it ends.
    placeInteraction(index, { ...x, response: undefined, status: undefined, failed: undefined, endedAt: undefined });
    index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
    const took = performance.now() - started;
    placeMs += took;
    if (n >= turns - Math.ceil(turns / 10)) lastTenthMs += took;
    n++;
  }
  const cost = describeCost(index);
  return {
    turns,
    interactionsPerSecond: Math.round(n / (placeMs / 1000)),
    meanPlaceMs: round(placeMs / n),
    lastTenthPlaceMs: round(lastTenthMs / Math.ceil(turns / 10)),
    meanNormalizeMs: round(normalizeMs / n),
    lookupsPerPlacement: round(cost.lookupsPerPlacement, 2),
    unitsPerPlacement: round(cost.unitsPerPlacement, 2),
    meanRequestBodyBytes: Math.round(bodyBytes / n),
  };
}

/** Puts every record through the real store twice (request sent, then finished), snapshots, and measures the files. */
export async function benchSize(workload: string, records: Iterable<InteractionRecord>): Promise<SizeFigures> {
  const dataDir = tempDataDir();
  const store = await openStore({ dataDir, snapshotIntervalMs: 3_600_000, snapshotJournalBytes: Number.MAX_SAFE_INTEGER });
  let requestBodyBytes = 0;
  let putMs = 0;
  let maxPutMs = 0;
  let puts = 0;
  let interactions = 0;
  for (const record of records) {
    requestBodyBytes += record.exchange.requestBody?.size ?? 0;
    for (const version of [inFlight(record), record]) {
      const started = performance.now();
      store.putInteraction(version);
      const took = performance.now() - started;
      putMs += took;
      maxPutMs = Math.max(maxPutMs, took);
      puts++;
    }
    interactions++;
    // Let the journal writer and the worker keep up, as they would between real requests.
    if (interactions % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await store.flush();
  const files = () => readdirSync(dataDir).map((name) => ({ name, size: statSync(join(dataDir, name)).size }));
  const journalBytes = files().filter((f) => f.name.includes('.journal-')).reduce((sum, f) => sum + f.size, 0);
  const snapshot = await store.snapshot();
  await store.close();
  const databaseBytes = files().find((f) => f.name === 'threadtap.db')?.size ?? 0;
  rmSync(dataDir, { recursive: true, force: true });
  return {
    workload,
    interactions,
    requestBodyBytes,
    databaseBytes,
    ratio: round(databaseBytes / requestBodyBytes, 4),
    journalBytes,
    meanPutMs: round(putMs / puts),
    maxPutMs: round(maxPutMs),
    snapshotExportMs: round(snapshot?.exportMs ?? 0),
  };
}

/** Several clients at once: Claude Code sessions of different lengths and sub-agents, chat apps; puts interleaved in time. */
function* mixedWorkload(): Generator<InteractionRecord> {
  const sources = [
    ...[120, 60, 30, 15, 8].map((turns, i) => claudeCodeSession({ seed: 100 + i, turns, idPrefix: `cc${i}`, startedAt: 1_760_000_000_000 + i * 7_000 })),
    ...[6, 4, 3].map((turns, i) => claudeCodeSession({ seed: 200 + i, turns, idPrefix: `sub${i}`, size: 0.6, startedAt: 1_760_000_100_000 + i * 5_000 })),
    ...[40, 20, 10, 5].map((turns, i) => openAiChatSession({ seed: 300 + i, turns, idPrefix: `chat${i}`, startedAt: 1_760_000_000_000 + i * 11_000 })),
  ];
  const heads = sources.map((s) => s.next());
  for (;;) {
    let next = -1;
    heads.forEach((h, i) => {
      if (h.done) return;
      if (next < 0 || h.value.exchange.startedAt < (heads[next].value as InteractionRecord).exchange.startedAt) next = i;
    });
    if (next < 0) return;
    yield heads[next].value as InteractionRecord;
    heads[next] = sources[next].next();
  }
}

export async function benchStore(): Promise<{ placement: PlacementFigures[]; size: SizeFigures[] }> {
  const placement: PlacementFigures[] = [];
  for (const turns of [10, 100, 1_000]) placement.push(await benchPlacement(turns));
  const size = [
    await benchSize('claude-code-300-turns', claudeCodeSession({ seed: 1, turns: 300, idPrefix: 'cc' })),
    await benchSize('mixed-12-clients', mixedWorkload()),
  ];
  return { placement, size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchStore(), null, 2));
}
