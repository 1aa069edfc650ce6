import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, openStoreReader } from '../../../electron/core/store';
import { encodeEntry } from '../../../electron/core/store/journal-entry';
import { makeRecord, recordingLogger, tempDataDir } from './store-factories';

const line = (seq: number, id: string) => encodeEntry({ s: seq, k: 'i', v: makeRecord(id) });
const segment = (dataDir: string, n: number) => join(dataDir, `threadtap.db.journal-${String(n).padStart(6, '0')}.jsonl`);

describe('an unreadable database file', () => {
  it('is moved aside, never deleted, reported in health, and recovered from the journal', async () => {
    const dataDir = tempDataDir();
    const garbage = Buffer.from('this is not a SQLite database, just garbage '.repeat(200));
    writeFileSync(join(dataDir, 'threadtap.db'), garbage);
    writeFileSync(segment(dataDir, 3), line(1, 'from-journal'));
    const logger = recordingLogger();

    const store = await openStore({ dataDir, logger });
    const { recoveredFrom } = store.health();
    expect(recoveredFrom).toMatch(/threadtap\.db\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(readFileSync(recoveredFrom!)).toEqual(garbage);
    expect(store.health().writable).toBe(true);
    expect(logger.warnings.join('\n')).toContain('moved it to');
    expect((await store.getInteraction('from-journal'))?.id).toBe('from-journal');

    store.putInteraction(makeRecord('after-recovery'));
    await store.close();

    const reopened = await openStore({ dataDir });
    try {
      expect(reopened.health().recoveredFrom).toBeUndefined();
      expect((await reopened.listInteractions()).map((r) => r.id).sort()).toEqual(['after-recovery', 'from-journal']);
      expect(readFileSync(recoveredFrom!)).toEqual(garbage);
    } finally {
      await reopened.close();
    }
  });

  it('is left in place by a reader, which shows the journal and a warning', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'threadtap.db'), 'garbage');
    writeFileSync(segment(dataDir, 1), line(1, 'a'));
    const reader = await openStoreReader(dataDir);
    try {
      expect((await reader.listInteractions()).map((r) => r.id)).toEqual(['a']);
      expect(reader.warnings.join('\n')).toContain('unreadable');
      expect(readdirSync(dataDir).sort()).toEqual(['threadtap.db', 'threadtap.db.journal-000001.jsonl']);
    } finally {
      await reader.close();
    }
  });

  it('treats a folder in place of the file as unreadable and sets it aside too', async () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'threadtap.db'));
    const store = await openStore({ dataDir });
    store.putInteraction(makeRecord('x'));
    await store.close();
    const aside = readdirSync(dataDir).filter((n) => n.startsWith('threadtap.db.corrupt-'));
    expect(aside).toHaveLength(1);
    const reopened = await openStoreReader(dataDir);
    expect((await reopened.listInteractions()).map((r) => r.id)).toEqual(['x']);
    await reopened.close();
  });
});

describe('the journal', () => {
  it('tolerates a torn last line: a write cut short by a crash', async () => {
    const dataDir = tempDataDir();
    const torn = line(3, 'c').slice(0, 40);
    writeFileSync(segment(dataDir, 1), line(1, 'a') + line(2, 'b') + torn);
    const logger = recordingLogger();
    const store = await openStore({ dataDir, logger });
    try {
      expect((await store.listInteractions()).map((r) => r.id)).toEqual(['a', 'b']);
      expect(logger.warnings).toEqual([]);
      // New lines go to a new segment, never after the torn fragment.
      store.putInteraction(makeRecord('d'));
      await store.flush();
      expect(readFileSync(segment(dataDir, 1), 'utf8').endsWith(torn)).toBe(true);
      expect(readFileSync(segment(dataDir, 2), 'utf8')).toContain('"id":"d"');
    } finally {
      await store.close();
    }
  });

  it('skips a corrupt line in the middle with a warning and keeps the lines after it', async () => {
    const dataDir = tempDataDir();
    writeFileSync(segment(dataDir, 1), line(1, 'a') + '{"s":2,"k":"i","v":{garbage\n' + 'null\n' + line(4, 'd'));
    const logger = recordingLogger();
    const store = await openStore({ dataDir, logger });
    try {
      expect((await store.listInteractions()).map((r) => r.id)).toEqual(['a', 'd']);
      expect(logger.warnings.join('\n')).toMatch(/skipped 2 unreadable journal line\(s\).*line 2, 3/);
    } finally {
      await store.close();
    }
  });

  it('replays only lines newer than the snapshot, so an older state never overwrites a newer one', async () => {
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir });
    first.putInteraction(makeRecord('a', { state: 'pending' }));
    first.putInteraction(makeRecord('a', { state: 'complete' }));
    await first.close();
    // As if a crash came between writing the snapshot and deleting the segment it covers.
    writeFileSync(segment(dataDir, 7), encodeEntry({ s: 1, k: 'i', v: makeRecord('a', { state: 'pending' }) }));
    const store = await openStore({ dataDir });
    try {
      expect((await store.getInteraction('a'))?.exchange.state).toBe('complete');
      expect(store.stats().replayedAtOpen).toBe(0);
    } finally {
      await store.close();
    }
    expect(existsSync(segment(dataDir, 7))).toBe(false);
  });
});
