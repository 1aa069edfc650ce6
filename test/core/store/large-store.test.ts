import { describe, expect, it } from 'vitest';
import { openStore, openStoreReader } from '../../../electron/core/store';
import { makeRecord, tempDataDir } from './store-factories';

const COUNT = 5_000;
const SYSTEM = 'You are a careful coding agent. '.repeat(60);

function bigRecord(i: number) {
  const body = JSON.stringify({ model: 'claude-test', system: SYSTEM, messages: [{ role: 'user', content: `task ${i}: ${'lorem ipsum '.repeat(80)}` }] });
  return makeRecord(`r-${String(i).padStart(5, '0')}`, {
    // Out of order on purpose: the list must come back by start time.
    startedAt: 1_700_000_000_000 + ((i * 7919) % COUNT),
    requestBody: { encoding: 'utf8', data: body, size: body.length },
  });
}

/** Runs `work` and reports the longest gap between 1 ms timer ticks meanwhile: how long the event loop stalled. */
async function maxStallMs<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  const value = await work();
  // One more tick, so a stall at the very end is counted too.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { value, stallMs };
}

describe.each([{ worker: true }, { worker: false }])('5,000 interactions (worker: $worker)', ({ worker }) => {
  it('are put, read back in order, snapshotted and reopened', async () => {
    const dataDir = tempDataDir();
    const records = Array.from({ length: COUNT }, (_, i) => bigRecord(i));
    const store = await openStore({ dataDir, worker, snapshotIntervalMs: 600_000 });

    // Puts arrive as a proxy would deliver them: a few per tick, never all at once.
    let started = performance.now();
    const { stallMs: putStallMs } = await maxStallMs(async () => {
      for (let i = 0; i < records.length; i += 10) {
        for (const record of records.slice(i, i + 10)) store.putInteraction(record);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await store.flush();
      // A read waits for the database to apply everything.
      await store.getInteraction(records[COUNT - 1].id);
    });
    const putMs = performance.now() - started;

    const listed = await store.listInteractions();
    expect(listed).toHaveLength(COUNT);
    const expectedOrder = [...records].sort((a, b) => a.exchange.startedAt - b.exchange.startedAt || a.id.localeCompare(b.id));
    expect(listed.map((r) => r.id)).toEqual(expectedOrder.map((r) => r.id));
    expect(listed[123]).toEqual(expectedOrder[123]);

    const { value: snapshot, stallMs } = await maxStallMs(() => store.snapshot());
    expect(snapshot?.seq).toBe(COUNT);
    await store.close();

    started = performance.now();
    const reopened = await openStore({ dataDir, worker });
    const reopenMs = performance.now() - started;
    expect(reopened.stats().replayedAtOpen).toBe(0);
    expect(await reopened.listInteractions({ limit: 10 })).toEqual(expectedOrder.slice(-10));
    await reopened.close();

    started = performance.now();
    const reader = await openStoreReader(dataDir);
    expect(await reader.listInteractions()).toHaveLength(COUNT);
    const readerMs = performance.now() - started;
    await reader.close();

    const mb = (snapshot!.bytes / 1024 / 1024).toFixed(1);
    console.log(
      `store (${worker ? 'worker' : 'in-process'}): ${COUNT} puts applied and journaled in ${putMs.toFixed(0)} ms, max stall ${putStallMs.toFixed(0)} ms; ` +
        `snapshot ${mb} MB: export ${snapshot!.exportMs.toFixed(0)} ms, write ${snapshot!.writeMs.toFixed(0)} ms, ` +
        `max stall ${stallMs.toFixed(0)} ms; reopen ${reopenMs.toFixed(0)} ms; reader open+list ${readerMs.toFixed(0)} ms`,
    );
  }, 120_000);
});
