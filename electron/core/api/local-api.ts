// Builds the local API from the engine's parts: the session catalog (seeded from the store, then fed by live
// events), the live feed, the service, the route table and the server. The engine calls this once.

import type { EnvShellName, SettingsInfo, SetupInfo } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { LiveEvent } from '../../../shared/live-events';
import type { CaptureStore } from '../store/capture-store';
import type { Logger } from '../logger';
import { BASE_URL_ROUTE_NAMES, matchBaseUrlRoute } from '../proxy/base-url-routes';
import { apiRoutes } from './api-routes';
import { createApiService } from './api-service';
import { createLiveFeed } from './live-feed';
import type { PriceTable } from './price-table';
import type { SessionCatalog } from './session-catalog';
import { startUiServer, type UiServer } from './ui-server';

export interface LocalApiOptions {
  host: string;
  port: number;
  token: string;
  uiDir?: string;
  store: CaptureStore;
  /** Seeded with what the store held at start, then fed by live events. */
  catalog: SessionCatalog;
  prices: PriceTable;
  /** Resolves once the catalog holds what the store held; the API answers after it (see UiServerOptions). */
  ready?: Promise<void>;
  inFlight(): InteractionRecord[];
  /** Finished calls not in the store yet (counted only where capture runs in its own worker). */
  behind?(): number;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  caCertPem: string;
  caCertPath: string;
  dataDir: string;
  proxyUrl(): string;
  settings: Omit<SettingsInfo, 'priceSource'>;
  logger: Logger;
}

const SHELLS: EnvShellName[] = ['bash', 'zsh', 'fish', 'powershell'];

/** Lists stored interactions, one bad record costing only its own line. */
export function catalogAll(catalog: SessionCatalog, records: InteractionRecord[], logger: Logger): void {
  for (const record of records) {
    try {
      catalog.ingest(record);
    } catch (error) {
      logger.warn(`interaction ${record.id} could not be listed: ${(error as Error).message}`);
    }
  }
}

export async function startLocalApi(options: LocalApiOptions): Promise<UiServer> {
  const { catalog, prices } = options;
  const feed = createLiveFeed(catalog, options.logger, { store: options.store, inFlight: options.inFlight });
  const unsubscribe = options.subscribe((event) => feed.handle(event));

  let envLines: Promise<Record<EnvShellName, string>> | undefined;
  const loadEnvLines = async () => {
    // Loaded lazily: the launch module writes the CA bundle files, which only the setup panel needs.
    const { APPENDED_VARIABLES, buildRunEnv, formatEnvLines } = await import('../launch');
    const env = await buildRunEnv({ proxyUrl: options.proxyUrl(), caCertPath: options.caCertPath, dataDir: options.dataDir, baseEnv: {} });
    return Object.fromEntries(SHELLS.map((shell) => [shell, formatEnvLines(env, shell, APPENDED_VARIABLES)])) as Record<EnvShellName, string>;
  };

  const service = createApiService({
    catalog,
    feed,
    store: options.store,
    inFlight: options.inFlight,
    behind: () => options.behind?.() ?? 0,
    async setup(): Promise<Omit<SetupInfo, 'sessions' | 'inFlight' | 'captureBehind' | 'store'>> {
      envLines ??= loadEnvLines().catch((error: Error) => {
        envLines = undefined;
        throw error;
      });
      const proxyUrl = options.proxyUrl();
      return {
        proxyUrl,
        uiOrigin: `http://${options.host}:${server.port}`,
        caCertPath: options.caCertPath,
        dataDir: options.dataDir,
        baseUrls: BASE_URL_ROUTE_NAMES.map((name) => {
          const target = matchBaseUrlRoute(`/${name}/`)!.target;
          const suffix = name === 'openai' || name === 'openrouter' ? '/v1' : '';
          return {
            name,
            url: `${proxyUrl}/${name}${suffix}`,
            forwardsTo: `${target.protocol}//${target.hostname}${[80, 443].includes(target.port) ? '' : `:${target.port}`}${target.pathPrefix}${suffix}`,
          };
        }),
        envLines: await envLines,
      };
    },
    settings: () => ({ ...options.settings, priceSource: prices.source }),
  });

  const server = await startUiServer({
    host: options.host,
    port: options.port,
    token: options.token,
    uiDir: options.uiDir,
    routes: apiRoutes(service, options.caCertPem),
    feed,
    ready: options.ready,
  });
  return {
    port: server.port,
    async close() {
      unsubscribe();
      await server.close();
      // The store closes next: events still being applied would otherwise fail reading from it.
      await feed.settled();
    },
  };
}
