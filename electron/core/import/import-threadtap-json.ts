// `threadtap import` of Threadtap's own JSON export. The file is streamed: the parser emits each interaction as it
// completes (and the session fields that precede them, which the exporter writes first), so memory is one read
// chunk's worth of interactions whatever the file size. Ids are kept and placements are taken from the file, so
// an export imported into a fresh data dir restores the same sessions, parents, kinds and links.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { JSONParser } from '@streamparser/json';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { ImportTarget } from './import-har';
import { addFailure, type ImportReport } from './import-report';
import { jsonInteractionToRecord, type JsonSessionContext } from './threadtap-json-entry';

const SESSION_FIELDS = ['id', 'parentSessionId', 'relation', 'viaInteractionId', 'viaToolCallId'] as const;
const BACKPRESSURE_BYTES = 16 * 1024 * 1024;

/** True when the file starts as a Threadtap JSON export: the exporter writes `format` as the first key. */
export async function isThreadtapJson(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return /^\uFEFF?\s*\{\s*"format"\s*:\s*"threadtap\.sessions"/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export async function importThreadtapJson(options: { files: string[]; store: ImportTarget; report: ImportReport; logger?: Logger }): Promise<void> {
  const { store, report } = options;
  const logger = options.logger ?? silentLogger;
  const known = new Set<string>();
  await store.forEachInteractionOutlinePage((page) => {
    for (const record of page) known.add(record.id);
  });
  const sessions = new Set<string>();
  let pendingBytes = 0;

  for (const file of options.files) {
    const parser = new JSONParser({ paths: ['$.sessions.*.interactions.*', ...SESSION_FIELDS.map((f) => `$.sessions.*.${f}`)], keepStack: false });
    const current: { index: number; session?: JsonSessionContext; seen: number } = { index: -1, seen: 0 };
    const ready: { value: unknown; session?: JsonSessionContext; first: boolean }[] = [];
    let entries = 0;
    parser.onValue = ({ value, key, stack }) => {
      const sessionIndex = Number(stack[2]?.key);
      if (sessionIndex !== current.index) Object.assign(current, { index: sessionIndex, session: undefined, seen: 0 });
      if (stack.length === 3) {
        // A session field: id, parentSessionId, relation, via…
        current.session = { ...(current.session ?? { id: '' }), [key as string]: value } as JsonSessionContext;
        return;
      }
      entries++;
      ready.push({ value, session: current.session?.id ? current.session : undefined, first: current.seen++ === 0 });
    };
    let broken: string | undefined;
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
        parser.write(chunk);
        for (const item of ready.splice(0)) {
          report.read++;
          let record: InteractionRecord;
          try {
            if (!item.session) throw new Error("the session's id must come before its interactions");
            record = jsonInteractionToRecord(item.value, item.session, item.first);
          } catch (error) {
            addFailure(report, { file, index: report.read - 1, reason: (error as Error).message });
            continue;
          }
          if (known.has(record.id)) {
            report.duplicates++;
            continue;
          }
          known.add(record.id);
          store.putInteraction(record);
          report.imported++;
          if (record.parsed.api !== 'unknown') report.llmCalls++;
          sessions.add(record.placement!.sessionId);
          pendingBytes += (record.exchange.requestBody?.data.length ?? 0) + (record.exchange.responseBody?.data.length ?? 0);
          if (pendingBytes > BACKPRESSURE_BYTES) {
            pendingBytes = 0;
            await store.flush();
            await store.getInteraction('');
          }
        }
      }
    } catch (error) {
      broken = `the file could not be read to the end (${(error as Error).message}); the ${entries} interactions before that point were read`;
    }
    report.files.push({ file, creator: 'Threadtap JSON export', entries, ...(broken ? { broken } : {}) });
    logger.debug(`read ${file}: ${entries} interactions`);
  }
  report.sessions += sessions.size;
  await store.flush();
}
