import { describe, expect, it } from 'vitest';
import { openStore, openStoreReader } from '../../../electron/core/store';
import { createInProcessHost } from '../../../electron/core/store/db-host';
import { encodeEntry } from '../../../electron/core/store/journal-entry';
import { makeExchange, makeRecord, recordingLogger, tempDataDir } from './store-factories';

describe.each([
  { host: 'worker', worker: true },
  { host: 'in-process', worker: false },
])('the store ($host)', ({ host, worker }) => {
  it('runs the database where it was asked to', async () => {
    const store = await openStore({ dataDir: tempDataDir(), worker });
    expect(store.stats().host).toBe(host);
    await store.close();
  });

  it('replaces an interaction put at start by its completed state, and reads its own writes without a flush', async () => {
    const store = await openStore({ dataDir: tempDataDir(), worker });
    try {
      store.putInteraction(makeRecord('a', { state: 'streaming', responseBody: undefined, endedAt: undefined }));
      expect((await store.getInteraction('a'))?.exchange.state).toBe('streaming');
      store.putInteraction(makeRecord('a'));
      expect(await store.getInteraction('a')).toEqual(makeRecord('a'));
      expect(await store.listInteractions()).toHaveLength(1);
      expect(await store.getInteraction('missing')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('lists by start time then id, whatever the order of puts; limit keeps the newest, since the later ones', async () => {
    const store = await openStore({ dataDir: tempDataDir(), worker });
    try {
      for (const [id, startedAt] of [['c', 30], ['b', 10], ['a', 20], ['a2', 20], ['d', 40]] as const) {
        store.putInteraction(makeRecord(id, { startedAt }));
      }
      const ids = async (options?: { limit?: number; since?: number }) => (await store.listInteractions(options)).map((r) => r.id);
      expect(await ids()).toEqual(['b', 'a', 'a2', 'c', 'd']);
      expect(await ids({ limit: 2 })).toEqual(['c', 'd']);
      expect(await ids({ since: 20 })).toEqual(['a', 'a2', 'c', 'd']);
      expect(await ids({ since: 20, limit: 3 })).toEqual(['a2', 'c', 'd']);
      expect(await ids({ limit: 0 })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps bare exchanges, bodies with their encoding, and records without placement or bodies', async () => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, worker });
    const binary = makeExchange('bin', {
      requestBody: { encoding: 'base64', data: Buffer.from([0, 1, 2, 255]).toString('base64'), size: 4, decodeNote: 'zstd' },
      responseBody: { encoding: 'utf8', data: 'x'.repeat(10), size: 10_000, truncated: true },
    });
    store.putExchange(binary);
    const bare = { ...makeRecord('bare', { requestBody: undefined, responseBody: undefined, status: undefined }) };
    delete bare.placement;
    store.putInteraction(bare);
    await store.close();

    const reopened = await openStore({ dataDir, worker });
    try {
      expect(await reopened.getExchange('bin')).toEqual(binary);
      expect(await reopened.getInteraction('bin')).toBeUndefined();
      expect(await reopened.getInteraction('bare')).toEqual(bare);
    } finally {
      await reopened.close();
    }
  });

  it('drops a put after close with a warning instead of throwing', async () => {
    const logger = recordingLogger();
    const store = await openStore({ dataDir: tempDataDir(), worker, logger });
    await store.close();
    expect(() => store.putInteraction(makeRecord('late'))).not.toThrow();
    expect(logger.warnings.join('\n')).toContain('after the store closed');
  });
});

describe('bodies', () => {
  it('are stored once when identical (a retried request, a repeated reply)', async () => {
    const host = createInProcessHost();
    // Large enough to leave the row: small bodies stay inline.
    const request = JSON.stringify({ model: 'claude-test', messages: [{ role: 'user', content: 'a long question '.repeat(100) }] });
    const same = makeExchange('x', {
      requestBody: { encoding: 'utf8', data: request, size: request.length },
      responseBody: { encoding: 'utf8', data: `{"content":"${'a long answer '.repeat(100)}"}`, size: 1_314 },
    });
    const lines = ['r1', 'r2', 'r3'].map((id, i) => encodeEntry({ s: i + 1, k: 'i', v: makeRecord(id, { requestBody: same.requestBody, responseBody: same.responseBody }) }));
    await host.call('open', { snapshot: null, journals: [{ name: 'test', text: lines.join('') }] });
    expect(await host.call('counts', {})).toEqual({ interactions: 3, exchanges: 3, blobs: 2, lastSeq: 3 });
    await host.call('close', {});
  });
});

describe('the worker entry', () => {
  it('is taken from workerUrl when given (a bundle emits db-worker.js away from this module), else the store falls back in-process', async () => {
    const workerUrl = new URL('../../../electron/core/store/db-worker.ts', import.meta.url);
    const store = await openStore({ dataDir: tempDataDir(), workerUrl });
    expect(store.stats().host).toBe('worker');
    store.putInteraction(makeRecord('a'));
    expect((await store.getInteraction('a'))?.id).toBe('a');
    await store.close();
    const logger = recordingLogger();
    const fallback = await openStore({ dataDir: tempDataDir(), workerUrl: new URL('./no-such-worker.js', import.meta.url), logger });
    expect(fallback.stats().host).toBe('in-process');
    expect(logger.warnings.join('\n')).toContain('worker is not available');
    await fallback.close();
  });
});

describe('a data dir', () => {
  it('that does not exist reads as empty and is not created by a reader', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dataDir = join(tempDataDir(), 'never-created');
    const reader = await openStoreReader(dataDir);
    expect(await reader.listInteractions()).toEqual([]);
    expect(reader.warnings).toEqual([]);
    await reader.close();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('loses the temp file of a snapshot interrupted by a crash, and keeps the real one', async () => {
    const { readdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir });
    first.putInteraction(makeRecord('a'));
    await first.close();
    writeFileSync(join(dataDir, 'threadtap.db.tmp-99999'), 'half a snapshot');
    const store = await openStore({ dataDir });
    try {
      expect(readdirSync(dataDir).sort()).toEqual(['threadtap.db', 'threadtap.db.lock']);
      expect((await store.getInteraction('a'))?.id).toBe('a');
    } finally {
      await store.close();
    }
  });
});
