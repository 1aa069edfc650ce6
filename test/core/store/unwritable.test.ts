import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openStore, openStoreReader } from '../../../electron/core/store';
import { faultyFs, makeRecord, recordingLogger, tempDataDir } from './store-factories';

const ids = async (reader: { listInteractions(): Promise<{ id: string }[]> }) => (await reader.listInteractions()).map((r) => r.id);

describe('a data dir that cannot be written', () => {
  it('opens anyway, keeps puts in memory, and writes them once the folder can be created', async () => {
    // Tests run as root, where chmod does not stop writes; a file where a folder should be does.
    const root = tempDataDir();
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const dataDir = join(blocker, 'data');
    const logger = recordingLogger();

    const store = await openStore({ dataDir, logger });
    expect(store.health().writable).toBe(false);
    expect(store.health().warning).toBeTruthy();
    expect(() => store.putInteraction(makeRecord('kept-in-memory'))).not.toThrow();
    expect(await ids(store)).toEqual(['kept-in-memory']);
    expect(logger.warnings.join('\n')).toContain('not writable');

    rmSync(blocker);
    mkdirSync(blocker);
    await store.flush();
    // Writable once the journal is written again; a snapshot that failed while the folder was missing may still
    // be reported until the next one succeeds.
    expect(store.health().writable).toBe(true);
    await store.snapshot();
    expect(store.health()).toEqual({ writable: true });
    // Durable before close: another process sees it in the journal.
    const reader = await openStoreReader(dataDir);
    expect(await ids(reader)).toEqual(['kept-in-memory']);
    await reader.close();
    await store.close();
  });

  it('survives a disk that fills up mid-write: puts never throw, health says so, nothing is lost when it frees up', async () => {
    const dataDir = tempDataDir();
    const fs = faultyFs();
    const logger = recordingLogger();
    const store = await openStore({ dataDir, fs, logger, snapshotIntervalMs: 60_000 });
    store.putInteraction(makeRecord('before', { startedAt: 1 }));
    await store.flush();

    fs.failing = true;
    expect(() => {
      store.putInteraction(makeRecord('during-1', { startedAt: 2 }));
      store.putInteraction(makeRecord('during-2', { startedAt: 3 }));
    }).not.toThrow();
    await vi.waitFor(() => expect(store.health().writable).toBe(false), { timeout: 10_000 });
    expect(store.health().warning).toContain('the disk is full');
    expect(store.stats().pendingJournalLines).toBe(2);
    // Reads still answer from memory.
    expect(await ids(store)).toEqual(['before', 'during-1', 'during-2']);

    fs.failing = false;
    await store.flush();
    expect(store.health().writable).toBe(true);
    expect(fs.failures).toBeGreaterThan(0);
    // The half-written line the failure left behind is skipped; every record is there once.
    const reader = await openStoreReader(dataDir);
    expect(await ids(reader)).toEqual(['before', 'during-1', 'during-2']);
    await reader.close();
    await store.close();
  });

  it('keeps the old snapshot and the journal when a snapshot cannot be written, and snapshots after recovery', async () => {
    const dataDir = tempDataDir();
    const fs = faultyFs();
    const store = await openStore({ dataDir, fs, snapshotIntervalMs: 60_000 });
    store.putInteraction(makeRecord('a', { startedAt: 1 }));
    expect(await store.snapshot()).toMatchObject({ seq: 1 });
    store.putInteraction(makeRecord('b', { startedAt: 2 }));
    await store.flush();

    fs.failing = true;
    await expect(store.snapshot()).rejects.toThrow(/ENOSPC/);
    // Everything is still in the journal, so captures are safe: a warning, not "not writable".
    expect(store.health()).toMatchObject({ writable: true, warning: expect.stringMatching(/snapshot could not be written \(the disk is full\)/) });
    const during = await openStoreReader(dataDir);
    expect(await ids(during)).toEqual(['a', 'b']);
    await during.close();

    fs.failing = false;
    expect(await store.snapshot()).toMatchObject({ seq: 2 });
    expect(store.health()).toEqual({ writable: true });
    await store.close();
    const after = await openStoreReader(dataDir);
    expect(await ids(after)).toEqual(['a', 'b']);
    await after.close();
  });

  it('does not hang close when the disk never comes back, and says what was lost', async () => {
    const fs = faultyFs();
    const logger = recordingLogger();
    const store = await openStore({ dataDir: tempDataDir(), fs, logger });
    fs.failing = true;
    store.putInteraction(makeRecord('lost'));
    await store.close();
    expect(logger.errors.join('\n')).toContain('1 captured record(s) could not be written');
  });
});
