// Everything behind the proxy: the store, reconstruction, the capture pipeline and the local API. The engine runs
// it in a worker thread (capture-core-host.ts) so that parsing, placing and persisting an exchange never take
// time from the proxy's event loop; it can also run in the engine's own thread.

import type { SettingsInfo } from '../../shared/api-contract';
import type { LiveEvent } from '../../shared/live-events';
import type { CaptureListener } from './capture/exchange-recorder';
import { createCapturePipeline } from './capture/capture-pipeline';
import { createLivePlacement } from './capture/live-placement';
import { catalogAll, startLocalApi } from './api/local-api';
import { createPriceTable } from './api/price-table';
import { createSessionCatalog } from './api/session-catalog';
import { openStore } from './store';
import { createLiveEmitter } from './live-emitter';
import type { Logger } from './logger';

/** What the core needs to start; plain data, so it can cross to a worker thread. */
export interface CaptureCoreOptions {
  dataDir: string;
  host: string;
  uiPort: number;
  uiDir?: string;
  token: string;
  caCertPem: string;
  caCertPath: string;
  settings: Omit<SettingsInfo, 'priceSource'>;
}

export interface CaptureCore {
  uiPort: number;
  /** Where the proxy's recorders report exchanges. */
  listener: CaptureListener;
  /** The proxy's URL is known only once it listens, after the core (whose UI port the proxy refuses) started. */
  setProxyUrl(url: string): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Where the core runs behind the proxy, a promise while it is too far behind to take more traffic. */
  admit?(): Promise<void> | undefined;
  /** Closes the API and flushes the store. */
  stop(): Promise<void>;
}

/** The core as its own thread sees it. */
export interface LocalCaptureCore extends CaptureCore {
  /** Resolves once everything captured so far is on disk. */
  flush(): Promise<void>;
  /** The store already holds this exchange's interaction. */
  holds(id: string): Promise<boolean>;
}

export async function startCaptureCore(options: CaptureCoreOptions, logger: Logger): Promise<LocalCaptureCore> {
  const store = await openStore({ dataDir: options.dataDir, logger });
  const health = store.health();
  if (health.recoveredFrom) logger.warn(`the database file was unreadable; it was moved to ${health.recoveredFrom}`);

  const { subscribe, emit } = createLiveEmitter(logger);
  // What the store holds is replayed a page at a time: every stored interaction in full at once made a restart's
  // peak memory several times the live figure.
  const placement = createLivePlacement();
  const prices = createPriceTable();
  const catalog = createSessionCatalog(prices);
  const restoring = { started: performance.now(), count: 0, toldAt: 0 };
  await store.forEachInteractionOutlinePage((page) => {
    placement.restore(page);
    catalogAll(catalog, page, logger);
    restoring.count += page.length;
    // A large store takes a while; the proxy starts only once it is read, so say what is happening.
    const seconds = (performance.now() - restoring.started) / 1000;
    if (seconds - restoring.toldAt >= 5) {
      restoring.toldAt = seconds;
      logger.info(`rebuilding sessions: ${restoring.count} stored interactions read so far`);
    }
  });
  placement.restored();
  if (restoring.toldAt > 0) logger.info(`rebuilt sessions from ${restoring.count} stored interactions in ${Math.round((performance.now() - restoring.started) / 1000)} s`);
  const pipeline = createCapturePipeline({ store, emit, logger, placement });
  let proxyUrl = '';

  const ui = await startLocalApi({
    host: options.host,
    port: options.uiPort,
    token: options.token,
    uiDir: options.uiDir,
    store,
    catalog,
    prices,
    inFlight: () => pipeline.inFlight(),
    subscribe,
    caCertPem: options.caCertPem,
    caCertPath: options.caCertPath,
    dataDir: options.dataDir,
    proxyUrl: () => proxyUrl,
    settings: options.settings,
    logger,
  }).catch(async (error: Error) => {
    await store.close();
    throw error;
  });

  return {
    uiPort: ui.port,
    listener: pipeline.listener,
    setProxyUrl: (url) => {
      proxyUrl = url;
    },
    subscribe,
    flush: () => store.flush(),
    holds: async (id) => (await store.getInteraction(id)) !== undefined,
    async stop() {
      await ui.close();
      await store.close();
    },
  };
}
