import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openStore, openStoreReader } from '../../../electron/core/store';
import { encodeEntry } from '../../../electron/core/store/journal-entry';
import { claudeCodeSession } from './agent-session-factory';
import { writeV1Database } from './fixtures/v1-database';
import { writeV2Database } from './fixtures/v2-database';
import { makeRecord, tempDataDir } from './store-factories';

// A later schema, as a future release would add it. Creating a table twice fails, so running it again on an
// already migrated database would make the open fail.
const LATER = { version: 4, name: 'session titles', up: 'CREATE TABLE session_titles (session_id TEXT PRIMARY KEY, title TEXT NOT NULL);' };

describe('schema migrations', () => {
  it('starts at version 3 with the current schema', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3]);
    const store = await openStore({ dataDir: tempDataDir() });
    expect(store.stats().schemaVersion).toBe(3);
    await store.close();
  });

  it('moves a database written by version 1 to the current version; old records read back identically, new ones are packed', async () => {
    const dataDir = tempDataDir();
    const old = [...claudeCodeSession({ seed: 9, turns: 8, idPrefix: 'v1', size: 0.3 })];
    old.push(makeRecord('v1-bare', { requestBody: undefined, responseBody: undefined }));
    await writeV1Database(dataDir, old);
    const store = await openStore({ dataDir, snapshotIntervalMs: 600_000 });
    expect(store.stats().schemaVersion).toBe(3);
    const byId = async (s: { getInteraction(id: string): Promise<unknown> }) => Promise.all(old.map((r) => s.getInteraction(r.id)));
    expect(await byId(store)).toEqual(old);
    // The same session continues in the new layout, sharing nothing it could not read.
    const next = [...claudeCodeSession({ seed: 9, turns: 12, idPrefix: 'v2', size: 0.3 })];
    for (const r of next) store.putInteraction(r);
    await store.close();

    const reader = await openStoreReader(dataDir);
    try {
      expect(await byId(reader)).toEqual(old);
      expect(await Promise.all(next.map((r) => reader.getInteraction(r.id)))).toEqual(next);
    } finally {
      await reader.close();
    }
  });

  it('moves a database written by version 2 to one row per record; every record, its session and link read back identically', async () => {
    const dataDir = tempDataDir();
    const old = [...claudeCodeSession({ seed: 4, turns: 10, idPrefix: 'v2', size: 0.3 })];
    old.push(makeRecord('v2-bare', { requestBody: undefined, responseBody: undefined }));
    old.push({ ...makeRecord('v2-linked'), placement: { sessionId: 'child', parentId: null, kind: 'start', link: { parentSessionId: old[0].placement!.sessionId, relation: 'subagent' } } });
    await writeV2Database(dataDir, old);
    const store = await openStore({ dataDir, snapshotIntervalMs: 600_000 });
    try {
      expect(store.stats().schemaVersion).toBe(3);
      expect(await Promise.all(old.map((r) => store.getInteraction(r.id)))).toEqual(old);
      const refs = await store.listInteractionRefs();
      expect(refs.find((r) => r.id === 'v2-linked')).toMatchObject({ sessionId: 'child', link: { relation: 'subagent' } });
      expect(refs.find((r) => r.id === old[1].id)?.sessionId).toBe(old[1].placement!.sessionId);
      await store.snapshot();
    } finally {
      await store.close();
    }
    const reader = await openStoreReader(dataDir);
    try {
      expect(await reader.listInteractions()).toEqual([...old].sort((a, b) => a.exchange.startedAt - b.exchange.startedAt || (a.id < b.id ? -1 : 1)));
    } finally {
      await reader.close();
    }
  });

  it('opens a database in a later version, once, keeping its records and replaying a version-1 journal line', async () => {
    const dataDir = tempDataDir();
    const v1 = await openStore({ dataDir });
    v1.putInteraction(makeRecord('old-1', { startedAt: 1 }));
    v1.putInteraction(makeRecord('old-2', { startedAt: 2 }));
    await v1.close();
    // A journal line written by version 1 after its last snapshot.
    writeFileSync(join(dataDir, 'threadtap.db.journal-000009.jsonl'), encodeEntry({ s: 3, k: 'i', v: makeRecord('old-3', { startedAt: 3 }) }));

    const later = await openStore({ dataDir, extraMigrations: [LATER] });
    expect(later.stats().schemaVersion).toBe(4);
    expect((await later.listInteractions()).map((r) => r.id)).toEqual(['old-1', 'old-2', 'old-3']);
    later.putInteraction(makeRecord('new-1', { startedAt: 4 }));
    await later.close();

    const again = await openStore({ dataDir, extraMigrations: [LATER] });
    try {
      expect(again.stats().schemaVersion).toBe(4);
      expect((await again.listInteractions()).map((r) => r.id)).toEqual(['old-1', 'old-2', 'old-3', 'new-1']);
    } finally {
      await again.close();
    }
  });

  it('refuses a database from a newer version without setting it aside', async () => {
    const dataDir = tempDataDir();
    const later = await openStore({ dataDir, extraMigrations: [LATER] });
    later.putInteraction(makeRecord('a'));
    await later.close();

    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'store-failed', message: expect.stringContaining('schema version 4') });
    await expect(openStoreReader(dataDir)).rejects.toMatchObject({ code: 'store-failed' });
    expect(readdirSync(dataDir)).toEqual(['threadtap.db']);
  });

  it('rolls back a failing migration and leaves the file at its old version', async () => {
    const dataDir = tempDataDir();
    const v1 = await openStore({ dataDir });
    v1.putInteraction(makeRecord('a'));
    await v1.close();
    const broken = { version: 4, name: 'broken', up: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' };
    await expect(openStore({ dataDir, extraMigrations: [broken] })).rejects.toMatchObject({ message: expect.stringContaining('migration 4 (broken) failed') });

    const reopened = await openStore({ dataDir, extraMigrations: [LATER] });
    try {
      expect(reopened.stats().schemaVersion).toBe(4);
      expect((await reopened.getInteraction('a'))?.id).toBe('a');
    } finally {
      await reopened.close();
    }
  });

  it('rejects migrations that are not numbered 1..n', async () => {
    await expect(openStore({ dataDir: tempDataDir(), extraMigrations: [{ ...LATER, version: 5 }] })).rejects.toMatchObject({
      message: expect.stringContaining('without gaps'),
    });
  });
});
