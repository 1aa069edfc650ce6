import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { startStoreChild, type StoreChild } from './child-process';
import { makeRecord, tempDataDir } from './store-factories';

const children: StoreChild[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill9()));
});

describe('a writer killed with SIGKILL', () => {
  it('keeps an exchange that completed one second before the kill', async () => {
    const dataDir = tempDataDir();
    const child = startStoreChild(['put', dataDir, 'ex-1']);
    children.push(child);
    await child.waitFor((m) => m.put === 'ex-1');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await child.kill9();

    // The child's snapshot interval is ten minutes, so only its journal can have kept the exchange.
    expect(existsSync(join(dataDir, 'threadtap.db'))).toBe(false);
    const store = await openStore({ dataDir });
    try {
      const record = await store.getInteraction('ex-1');
      expect(record?.exchange.state).toBe('complete');
      expect(record).toEqual(makeRecord('ex-1'));
      expect(store.health()).toEqual({ writable: true });
    } finally {
      await store.close();
    }
  });

  it('leaves a lock that the next writer takes over, while a live writer keeps others out', async () => {
    const dataDir = tempDataDir();
    const child = startStoreChild(['put', dataDir, 'ex-2']);
    children.push(child);
    const { pid } = await child.waitFor((m) => m.put === 'ex-2');
    await child.waitFor((m) => m.flushed === 'ex-2');
    expect(readFileSync(join(dataDir, 'threadtap.db.lock'), 'utf8').trim()).toBe(String(pid));
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'store-failed', message: expect.stringContaining(`pid ${pid}`) });

    await child.kill9();
    const store = await openStore({ dataDir });
    try {
      expect(readFileSync(join(dataDir, 'threadtap.db.lock'), 'utf8').trim()).toBe(String(process.pid));
      expect((await store.getInteraction('ex-2'))?.exchange.state).toBe('complete');
    } finally {
      await store.close();
    }
    expect(existsSync(join(dataDir, 'threadtap.db.lock'))).toBe(false);
  });

  it('refuses a second writer in the same process', async () => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir });
    try {
      await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'store-failed' });
    } finally {
      await store.close();
    }
  });
});
