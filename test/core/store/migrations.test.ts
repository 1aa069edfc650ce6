import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openStore, openStoreReader } from '../../../electron/core/store';
import { encodeEntry } from '../../../electron/core/store/journal-entry';
import { makeRecord, tempDataDir } from './store-factories';

// A later schema, as a future release would add it. Creating a table twice fails, so running it again on an
// already migrated database would make the open fail.
const V2 = { version: 2, name: 'session titles', up: 'CREATE TABLE session_titles (session_id TEXT PRIMARY KEY, title TEXT NOT NULL);' };

describe('schema migrations', () => {
  it('starts at version 1 with the current schema', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1]);
    const store = await openStore({ dataDir: tempDataDir() });
    expect(store.stats().schemaVersion).toBe(1);
    await store.close();
  });

  it('opens a version-1 database in a later version, once, keeping its records and replaying a v1 journal', async () => {
    const dataDir = tempDataDir();
    const v1 = await openStore({ dataDir });
    v1.putInteraction(makeRecord('old-1', { startedAt: 1 }));
    v1.putInteraction(makeRecord('old-2', { startedAt: 2 }));
    await v1.close();
    // A journal line written by version 1 after its last snapshot.
    writeFileSync(join(dataDir, 'threadtap.db.journal-000009.jsonl'), encodeEntry({ s: 3, k: 'i', v: makeRecord('old-3', { startedAt: 3 }) }));

    const v2 = await openStore({ dataDir, extraMigrations: [V2] });
    expect(v2.stats().schemaVersion).toBe(2);
    expect((await v2.listInteractions()).map((r) => r.id)).toEqual(['old-1', 'old-2', 'old-3']);
    v2.putInteraction(makeRecord('new-1', { startedAt: 4 }));
    await v2.close();

    const again = await openStore({ dataDir, extraMigrations: [V2] });
    try {
      expect(again.stats().schemaVersion).toBe(2);
      expect((await again.listInteractions()).map((r) => r.id)).toEqual(['old-1', 'old-2', 'old-3', 'new-1']);
    } finally {
      await again.close();
    }
  });

  it('refuses a database from a newer version without setting it aside', async () => {
    const dataDir = tempDataDir();
    const v2 = await openStore({ dataDir, extraMigrations: [V2] });
    v2.putInteraction(makeRecord('a'));
    await v2.close();

    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'store-failed', message: expect.stringContaining('schema version 2') });
    await expect(openStoreReader(dataDir)).rejects.toMatchObject({ code: 'store-failed' });
    expect(readdirSync(dataDir)).toEqual(['threadtap.db']);
  });

  it('rolls back a failing migration and leaves the file at its old version', async () => {
    const dataDir = tempDataDir();
    const v1 = await openStore({ dataDir });
    v1.putInteraction(makeRecord('a'));
    await v1.close();
    const broken = { version: 2, name: 'broken', up: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' };
    await expect(openStore({ dataDir, extraMigrations: [broken] })).rejects.toMatchObject({ message: expect.stringContaining('migration 2 (broken) failed') });

    const reopened = await openStore({ dataDir, extraMigrations: [V2] });
    try {
      expect(reopened.stats().schemaVersion).toBe(2);
      expect((await reopened.getInteraction('a'))?.id).toBe('a');
    } finally {
      await reopened.close();
    }
  });

  it('rejects migrations that are not numbered 1..n', async () => {
    await expect(openStore({ dataDir: tempDataDir(), extraMigrations: [{ ...V2, version: 3 }] })).rejects.toMatchObject({
      message: expect.stringContaining('without gaps'),
    });
  });
});
