// Everything behind the proxy: the store, reconstruction, the capture pipeline and the local API. The engine runs
// it in a worker thread (capture-core-host.ts) so that parsing, placing and persisting an exchange never take
// time from the proxy's event loop; it can also run in the engine's own thread.

import type { SettingsInfo } from '../../shared/api-contract';
import type { LiveEvent } from '../../shared/live-events';
import type { CaptureListener } from './capture/exchange-recorder';
import { createCapturePipeline } from './capture/capture-pipeline';
import { createLivePlacement, type LivePlacement } from './capture/live-placement';
import { catalogAll, startLocalApi } from './api/local-api';
import { createPriceTable } from './api/price-table';
import { createSessionCatalog, type SessionCatalog } from './api/session-catalog';
import { openStore, type CaptureStore } from './store';
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

/**
 * `onListening`: called with the UI port as soon as it is bound, before the store has been replayed into the
 * session index and list, so the proxy can start taking traffic while a large store is read. The core is returned
 * once the replay is done; until then the caller holds what it has to hand over.
 */
export async function startCaptureCore(
  options: CaptureCoreOptions,
  logger: Logger,
  hooks: {
    onListening?: (uiPort: number) => void;
    /** Ends the replay early: the core is not started and the promise rejects. */
    signal?: AbortSignal;
    /** Finished calls not in the store yet (held during a burst, or on their way). */
    behind?: () => number;
  } = {},
): Promise<LocalCaptureCore> {
  const { onListening, signal } = hooks;
  const store = await openStore({ dataDir: options.dataDir, logger });
  const health = store.health();
  if (health.recoveredFrom) logger.warn(`the database file was unreadable; it was moved to ${health.recoveredFrom}`);

  const { subscribe, emit } = createLiveEmitter(logger);
  const placement = createLivePlacement();
  const prices = createPriceTable();
  const catalog = createSessionCatalog(prices);
  const pipeline = createCapturePipeline({ store, emit, logger, placement });
  let proxyUrl = '';
  const replay = restoreFromStore(store, placement, catalog, logger, signal);
  // Awaited below; until then the API waits on it, and a start that fails first must not leave it unhandled.
  replay.catch(() => undefined);

  const ui = await startLocalApi({
    host: options.host,
    port: options.uiPort,
    token: options.token,
    uiDir: options.uiDir,
    store,
    catalog,
    prices,
    ready: replay,
    inFlight: () => pipeline.inFlight(),
    behind: hooks.behind,
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
  onListening?.(ui.port);

  try {
    await replay;
  } catch (error) {
    await ui.close();
    await store.close();
    throw error;
  }

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

/** What the store holds, replayed a page at a time into placement and the session list: every stored interaction in
 * full at once made a restart's peak memory several times the live figure. */
async function restoreFromStore(store: CaptureStore, placement: LivePlacement, catalog: SessionCatalog, logger: Logger, signal?: AbortSignal): Promise<void> {
  const restoring = { started: performance.now(), count: 0, toldAt: 0 };
  await store.forEachInteractionOutlinePage(async (page) => {
    signal?.throwIfAborted();
    placement.restore(page);
    catalogAll(catalog, page, logger);
    restoring.count += page.length;
    // A large store takes a while, and capture waits for it; say what is happening.
    const seconds = (performance.now() - restoring.started) / 1000;
    if (seconds - restoring.toldAt >= 5) {
      restoring.toldAt = seconds;
      logger.info(`rebuilding sessions: ${restoring.count} stored interactions read so far`);
    }
    if (restoreStallMs > 0) await new Promise((resolve) => setTimeout(resolve, restoreStallMs));
  });
  signal?.throwIfAborted();
  placement.restored();
  const seconds = (performance.now() - restoring.started) / 1000;
  if (seconds >= 5) logger.info(`rebuilt sessions from ${restoring.count} stored interactions in ${Math.round(seconds)} s`);
}

// Fault injection for tests: each page of the replay takes at least this long, as on a large store.
const restoreStallMs = Number(process.env.THREADTAP_RESTORE_STALL_MS) || 0;
