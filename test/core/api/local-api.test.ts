import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../shared/interaction';
import { catalogAll, startLocalApi } from '../../../electron/core/api/local-api';
import { createPriceTable } from '../../../electron/core/api/price-table';
import { createSessionCatalog } from '../../../electron/core/api/session-catalog';
import { silentLogger } from '../../../electron/core/logger';
import type { CaptureStore } from '../../../electron/core/store';
import { makeRecord } from '../store/store-factories';
import { exposedGc } from '../../helpers/gc';

const store = {
  health: () => ({ writable: true }),
  turnContents: async () => [],
  searchTurns: async () => [],
} as unknown as CaptureStore;

async function startWith(records: InteractionRecord[], withStore = store, subscribe: Parameters<typeof startLocalApi>[0]['subscribe'] = () => () => undefined) {
  const prices = createPriceTable();
  const catalog = createSessionCatalog(prices);
  catalogAll(catalog, records, silentLogger);
  return startLocalApi({
    host: '127.0.0.1',
    port: 0,
    token: 't',
    store: withStore,
    catalog,
    prices,
    inFlight: () => [],
    subscribe,
    caCertPem: '',
    caCertPath: '',
    dataDir: '',
    proxyUrl: () => '',
    settings: { host: '127.0.0.1', intercept: [], interceptAll: false, map: [] },
    logger: silentLogger,
  });
}

describe('startLocalApi', () => {
  it('lists the stored records it was started with, and keeps none of them once listed', async () => {
    let records: InteractionRecord[] | undefined = [makeRecord('a'), makeRecord('b')];
    const gone = new WeakRef(records[0]);
    const api = await startWith(records);
    try {
      const res = await fetch(`http://127.0.0.1:${api.port}/api/sessions`, { headers: { authorization: 'Bearer t' } });
      expect(((await res.json()) as { total: number }).total).toBe(2);
      records = undefined;
      exposedGc()();
      // Every stored interaction in full, bodies and all, would otherwise stay in memory for the life of serve.
      expect(gone.deref()).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('closes only once the live events it took are applied, since the store closes right after', async () => {
    let release!: () => void;
    const reading = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const slowStore = { ...store, turnContents: async () => (reads++, await reading, []) } as unknown as CaptureStore;
    let emit!: Parameters<Parameters<typeof startLocalApi>[0]['subscribe']>[0];
    const record = makeRecord('a');
    const api = await startWith([record], slowStore, (listener) => ((emit = listener), () => undefined));
    emit({ type: 'placement-revised', id: 'a', placement: { ...record.placement!, kind: 'branch' } });
    await expect.poll(() => reads).toBe(1);
    let closed = false;
    const closing = api.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
  });
});
