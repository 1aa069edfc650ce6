// `threadtap import`: HAR files into the store, placed exactly as live traffic would have been.
//
// Two passes, so memory is bounded by the largest entry and not by the file:
//  1. scan every file as a stream; convert each entry once to learn its identity, start and end, and keep only
//     that (plus its byte range). Duplicates and malformed entries are settled here.
//  2. sort those references by start time and read each entry again by offset; convert, parse, place and write it.
//     Placement replays requests in start order and registers each answer at its end instant (OrderedPlacement),
//     so a file written in completion order or shuffled gives the same sessions as one written in start order.
// The index is first seeded from what the store already holds, like live capture after a restart, so imported
// calls continue stored sessions. Records are written when placed; placements revised later are rewritten at the end.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement } from '../../../shared/session';
import { parseCapturedExchange } from '../capture/capture-pipeline';
import { detectEndpoint } from '../providers';
import { isDefaultLlmHost } from '../proxy/llm-hosts';
import { createSessionIndex, OrderedPlacement, type SessionIndex } from '../sessions';
import { toReconInteraction } from '../sessions/from-record';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { EntryReader } from './entry-reader';
import { harEntryToExchange } from './har-entry';
import { scanHar } from './har-scanner';
import { addFailure, emptyReport, type ImportReport } from './import-report';
import { importThreadtapJson, isThreadtapJson } from './import-threadtap-json';
import type { Exchange } from '../../../shared/exchange';

/** The part of the store an import uses. */
export interface ImportTarget {
  putInteraction(record: InteractionRecord): void;
  getInteraction(id: string): Promise<InteractionRecord | undefined>;
  forEachInteractionOutlinePage(visit: (page: InteractionRecord[]) => void | Promise<void>): Promise<void>;
  flush(): Promise<void>;
}

export interface ImportOptions {
  files: string[];
  store: ImportTarget;
  /** Keep entries a live proxy would have tunnelled (hosts that are not LLM APIs). Default: only LLM traffic. */
  allEntries?: boolean;
  logger?: Logger;
}

interface EntryRef {
  file: string;
  index: number;
  start: number;
  end: number;
  id: string;
  startedAt: number;
  creator?: string;
}

/** Written bytes after which the import waits for the store to catch up, so queued records cannot pile up. */
const BACKPRESSURE_BYTES = 16 * 1024 * 1024;

export async function importHarFiles(options: ImportOptions): Promise<ImportReport> {
  const logger = options.logger ?? silentLogger;
  const report = emptyReport();
  // Threadtap's own JSON exports carry their placements: imported first, so the HAR files below continue them.
  const harFiles: string[] = [];
  const jsonFiles: string[] = [];
  for (const file of options.files) ((await isThreadtapJson(file)) ? jsonFiles : harFiles).push(file);
  if (jsonFiles.length) await importThreadtapJson({ files: jsonFiles, store: options.store, report, logger });
  const { index, existing } = await seedFromStore(options.store);

  // Pass 1: identities and times only.
  const refs = new Map<string, EntryRef>();
  for (const file of harFiles) {
    const scan = await scanHar(file, (scanned) => {
      report.read++;
      let exchange: Exchange;
      try {
        const converted = harEntryToExchange(scanned.value, { creator: scanned.creator });
        exchange = converted.exchange;
        if (converted.notes.length) report.bodiesMissing++;
      } catch (error) {
        addFailure(report, { file, index: scanned.index, what: describeEntry(scanned.value), reason: (error as Error).message });
        return;
      }
      if (!options.allEntries && !isLlmTraffic(exchange)) {
        report.notLlmTraffic++;
        return;
      }
      if (existing.has(exchange.id) || refs.has(exchange.id)) {
        report.duplicates++;
        return;
      }
      refs.set(exchange.id, { file, index: scanned.index, start: scanned.start, end: scanned.end, id: exchange.id, startedAt: exchange.startedAt, creator: scanned.creator });
    });
    report.files.push({
      file,
      entries: scan.entries,
      ...(scan.creator ? { creator: scan.creator } : {}),
      ...(scan.broken ? { broken: `the file breaks off at byte ${scan.broken.offset} (${scan.broken.message}); the ${scan.entries} complete entries before it were read` } : {}),
    });
    logger.debug(`scanned ${file}: ${scan.entries} entries`);
  }

  // Pass 2: in start order.
  const ordered = [...refs.values()].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  refs.clear();
  const placer = new OrderedPlacement(index);
  const reader = new EntryReader();
  const revised = new Set<string>();
  const imported: string[] = [];
  const conversational = new Set<string>();
  let pendingBytes = 0;
  try {
    for (const ref of ordered) {
      let record: InteractionRecord;
      try {
        const value = await reader.read(ref.file, ref.start, ref.end);
        const { exchange } = harEntryToExchange(value, { creator: ref.creator });
        if (exchange.id !== ref.id) throw new Error('the entry changed between the two reads of the file');
        record = { id: exchange.id, exchange, parsed: parseCapturedExchange(exchange) };
      } catch (error) {
        addFailure(report, { file: ref.file, index: ref.index, reason: (error as Error).message });
        continue;
      }
      const x = toReconInteraction(record);
      const placement: Placement = x ? placer.start(x) : { sessionId: record.id, parentId: null, kind: 'standalone' };
      for (const r of index.takeRevisions()) if (r.id !== record.id) revised.add(r.id);
      options.store.putInteraction({ ...record, placement });
      imported.push(record.id);
      if (x) conversational.add(record.id);
      pendingBytes += (record.exchange.requestBody?.data.length ?? 0) + (record.exchange.responseBody?.data.length ?? 0);
      if (pendingBytes > BACKPRESSURE_BYTES) {
        pendingBytes = 0;
        await catchUp(options.store);
      }
    }
  } finally {
    await reader.close();
  }
  placer.finish();
  for (const r of index.takeRevisions()) revised.add(r.id);

  report.revised = await writeRevisions(options.store, index, revised);
  report.imported += imported.length;
  report.llmCalls += conversational.size;
  const sessions = new Set<string>();
  for (const id of conversational) sessions.add(index.getPlacement(id)!.sessionId);
  report.sessions += sessions.size;
  report.continuedSessions += [...sessions].filter((id) => existing.has(id)).length;
  await options.store.flush();
  return report;
}

/** The index as live capture would have it now: every stored interaction replayed, a page at a time, as a
 * restarted `serve` does. */
async function seedFromStore(store: ImportTarget): Promise<{ index: SessionIndex; existing: Set<string> }> {
  const index = createSessionIndex();
  const existing = new Set<string>();
  const replay = new OrderedPlacement(index);
  await store.forEachInteractionOutlinePage((page) => {
    for (const record of page) {
      existing.add(record.id);
      const x = toReconInteraction(record);
      if (x) replay.startFromStore(x);
    }
  });
  replay.finish();
  index.takeRevisions();
  return { index, existing };
}

/** Placements changed after their record was written (or stored before the import): rewritten once, at the end. */
async function writeRevisions(store: ImportTarget, index: SessionIndex, ids: Set<string>): Promise<number> {
  let written = 0;
  for (const id of ids) {
    const placement = index.getPlacement(id);
    const record = placement && (await store.getInteraction(id));
    if (!record || JSON.stringify(record.placement) === JSON.stringify(placement)) continue;
    store.putInteraction({ ...record, placement });
    written++;
  }
  return written;
}

/** Waits until what was put is on disk and applied to the database, so queued records cannot pile up. */
async function catchUp(store: ImportTarget): Promise<void> {
  await store.flush();
  // Reads are served after every earlier write is applied: a read of nothing is a cheap barrier.
  await store.getInteraction('');
}

/** What a live proxy would have decrypted and recorded: LLM API hosts, or requests that look like LLM calls. */
function isLlmTraffic(exchange: Exchange): boolean {
  let hostname = '';
  try {
    hostname = new URL(exchange.url).hostname;
  } catch {
    return false;
  }
  return isDefaultLlmHost(hostname) || detectEndpoint(exchange.method, exchange.url, exchange.requestHeaders) !== null;
}

function describeEntry(value: unknown): string | undefined {
  const request = (value as { request?: { method?: unknown; url?: unknown } } | null)?.request;
  if (typeof request?.method !== 'string' || typeof request.url !== 'string') return undefined;
  // Only the origin and path: a failed entry's URL has not been through redaction.
  try {
    const url = new URL(request.url);
    return `${request.method} ${url.origin}${url.pathname}`;
  } catch {
    return request.method;
  }
}
