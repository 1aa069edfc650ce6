import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, openStoreReader } from '../../../electron/core/store';
import type { InteractionRecord } from '../../../shared/interaction';
import { claudeCodeSession, inFlight, openAiChatSession } from './agent-session-factory';
import { makeRecord, tempDataDir } from './store-factories';

const fileSize = (dataDir: string, prefix: string) =>
  readdirSync(dataDir).filter((f) => f.startsWith(prefix)).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0);

describe('storage that grows with unique content', () => {
  it('stores a 300-turn agent session in a small fraction of the request bodies it captured, journal included', async () => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, snapshotIntervalMs: 600_000, snapshotJournalBytes: 1e12 });
    let bodyBytes = 0;
    const sample: InteractionRecord[] = [];
    for (const record of claudeCodeSession({ seed: 3, turns: 300, idPrefix: 'cc', size: 0.5 })) {
      bodyBytes += record.exchange.requestBody!.size;
      // As the live pipeline does: once when the request is sent, again when the answer is in.
      store.putInteraction(inFlight(record));
      store.putInteraction(record);
      if (Number(record.id.slice(3)) % 50 === 49) sample.push(record);
    }
    await store.flush();
    // Journal lines carry only what is new, so the journal grows linearly too.
    const journalBytes = fileSize(dataDir, 'threadtap.db.journal-');
    expect(journalBytes / bodyBytes).toBeLessThan(0.1);
    await store.snapshot();
    const dbBytes = fileSize(dataDir, 'threadtap.db');
    expect(bodyBytes).toBeGreaterThan(40_000_000);
    expect(dbBytes / bodyBytes).toBeLessThan(0.05);
    for (const record of sample) expect(await store.getInteraction(record.id)).toEqual(record);
    await store.close();
  }, 120_000);

  it('exports every request body equal to what was sent, after a snapshot, a reopen and in a reader', async () => {
    const dataDir = tempDataDir();
    const records = [
      ...claudeCodeSession({ seed: 5, turns: 40, idPrefix: 'cc', size: 0.3 }),
      ...openAiChatSession({ seed: 6, turns: 30, idPrefix: 'chat' }),
      ...claudeCodeSession({ seed: 7, turns: 12, idPrefix: 'sub', size: 0.3 }),
    ];
    const store = await openStore({ dataDir, snapshotIntervalMs: 600_000 });
    records.forEach((r, i) => {
      store.putInteraction(r);
      // Half are journaled only, half also in the snapshot.
      if (i === Math.floor(records.length / 2)) void store.snapshot();
    });
    const check = (read: InteractionRecord[]) => {
      const byId = new Map(read.map((r) => [r.id, r]));
      for (const sent of records) {
        const got = byId.get(sent.id)!;
        expect(JSON.parse(got.exchange.requestBody!.data)).toEqual(JSON.parse(sent.exchange.requestBody!.data));
        // Stronger than required: the skeleton and chunks are slices of the text, so the bytes come back as sent.
        expect(got.exchange.requestBody!.data).toBe(sent.exchange.requestBody!.data);
        expect(got).toEqual(sent);
      }
    };
    check(await store.listInteractions());
    await store.close();
    const reopened = await openStore({ dataDir });
    check(await reopened.listInteractions());
    const reader = await openStoreReader(dataDir);
    check(await reader.listInteractions());
    await reader.close();
    await reopened.close();
  }, 60_000);

  it('round-trips bodies that are not JSON objects byte for byte: binary, text, arrays, broken and odd JSON', async () => {
    const dataDir = tempDataDir();
    const big = 'x'.repeat(2_000);
    const bodies: Record<string, { encoding: 'utf8' | 'base64'; data: string }> = {
      binary: { encoding: 'base64', data: Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 37) % 256)).toString('base64') },
      text: { encoding: 'utf8', data: `plain text ${big}` },
      array: { encoding: 'utf8', data: `[${Array.from({ length: 50 }, (_, i) => `{"n":${i},"t":"${big}"}`).join(',')}]` },
      truncated: { encoding: 'utf8', data: `{"messages":[{"role":"user","content":"${big}"},{"role":"assistant","content":"${big}` },
      pretty: { encoding: 'utf8', data: JSON.stringify({ a: 1, messages: [{ c: big }, { c: big }, { c: `${big}\\"]}` }], b: null }, null, 2) },
      unevenSeparators: { encoding: 'utf8', data: `{ "messages" : [ "${big}" ,"${big}",\n "${big}" ] , "big" : 12345678901234567890123 , "pad": "${big}" }  ` },
      duplicateKeys: { encoding: 'utf8', data: `{"m":[1,2,"${big}"],"m":["${big}","${big}"]}` },
      escapes: { encoding: 'utf8', data: `{"s":"a\\\\\\"b\\\\","list":["\\\\\\\\","${big}\\u00e9 ü 😀"]}` },
    };
    const store = await openStore({ dataDir });
    for (const [id, body] of Object.entries(bodies)) {
      store.putExchange({ ...makeRecord(id).exchange, requestBody: { ...body, size: body.data.length }, responseBody: { ...body, size: body.data.length } });
    }
    await store.close();
    const reopened = await openStore({ dataDir });
    try {
      for (const [id, body] of Object.entries(bodies)) {
        const got = await reopened.getExchange(id);
        expect(got?.requestBody?.data, id).toBe(body.data);
        expect(got?.responseBody?.data, id).toBe(body.data);
        expect(got?.requestBody?.encoding).toBe(body.encoding);
      }
    } finally {
      await reopened.close();
    }
  });
});
