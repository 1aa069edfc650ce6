// The composition root: builds every part of the core and wires them together. Nothing else constructs services.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { LiveEvent } from '../../shared/live-events';
import { loadOrCreateCa } from './proxy/certificate-authority';
import { createLeafCertificateIssuer } from './proxy/leaf-certificates';
import { createInterceptPolicy } from './proxy/intercept-policy';
import { parseMapRule } from './proxy/upstream-target';
import { startMitmServer } from './proxy/mitm-server';
import { isLoopbackHost } from './proxy/host-port';
import { createCapturePipeline } from './capture/capture-pipeline';
import { createLivePlacement } from './capture/live-placement';
import { startLocalApi } from './api/local-api';
import { openStore } from './store';
import { ThreadtapError } from './errors';
import { createConsoleLogger, type Logger } from './logger';
import { instanceFilePath, type InstanceInfo } from './instance-file';

export interface EngineOptions {
  dataDir: string;
  /** Proxy port, which also serves the base-URL routes. Default 8787; 0 picks a free port. */
  port?: number;
  /** UI and API port. Default 0 (a free port). */
  uiPort?: number;
  host?: string;
  intercept?: string[];
  interceptAll?: boolean;
  /** `HOST[:PORT]=URL` map-remote rules. */
  map?: string[];
  /** Files of extra CAs to trust for upstream TLS. */
  upstreamCa?: string[];
  /** Built renderer folder served at the UI URL. */
  uiDir?: string;
  logger?: Logger;
}

export interface Engine {
  proxyUrl: string;
  uiUrl: string;
  token: string;
  caCertPath: string;
  dataDir: string;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Stops both servers and flushes the store. */
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const logger = options.logger ?? createConsoleLogger();
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    logger.warn(`listening on ${host}: anyone who can reach this address can use the proxy and see its traffic`);
  }
  const dataDir = options.dataDir;
  await mkdir(dataDir, { recursive: true });
  const mapRules = (options.map ?? []).map(parseMapRule);
  const upstreamCaPems = await Promise.all(
    (options.upstreamCa ?? []).map((file) =>
      readFile(file, 'utf8').catch((error: Error) => {
        throw new ThreadtapError('bad-option', `--upstream-ca ${file}: ${error.message}`);
      }),
    ),
  );

  const ca = await loadOrCreateCa(dataDir);
  const issuer = await createLeafCertificateIssuer(ca);
  // Warms the signing path so the first real host pays only its own signature.
  await issuer.issue('localhost');
  const store = await openStore({ dataDir, logger });
  const health = store.health();
  if (health.recoveredFrom) logger.warn(`the database file was unreadable; it was moved to ${health.recoveredFrom}`);

  const listeners = new Set<(event: LiveEvent) => void>();
  const subscribe = (listener: (event: LiveEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const emit = (event: LiveEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.warn(`a live-event listener failed: ${(error as Error).message}`);
      }
    }
  };
  const stored = await store.listInteractions();
  const placement = createLivePlacement(stored);
  const pipeline = createCapturePipeline({ store, emit, logger, placement });
  const token = randomBytes(24).toString('base64url');
  const ports = { proxy: options.port ?? 8787, ui: 0 };
  const proxyUrl = () => `http://${urlHost(host)}:${ports.proxy}`;

  const ui = await startLocalApi({
    host,
    port: options.uiPort ?? 0,
    token,
    uiDir: options.uiDir,
    store,
    records: stored,
    inFlight: () => pipeline.inFlight(),
    subscribe,
    caCertPem: ca.certPem,
    caCertPath: ca.certPath,
    dataDir,
    proxyUrl,
    settings: { host, intercept: options.intercept ?? [], interceptAll: options.interceptAll ?? false, map: options.map ?? [] },
    logger,
  });
  ports.ui = ui.port;
  const mitm = await startMitmServer({
    host,
    port: ports.proxy,
    sslCaDir: ca.dir,
    issuer,
    shouldIntercept: createInterceptPolicy({
      intercept: options.intercept,
      interceptAll: options.interceptAll,
      extraHosts: mapRules.map((rule) => rule.from.hostname),
    }),
    mapRules,
    upstreamCaPems,
    ownPorts: () => [ports.proxy, ports.ui],
    openTap: (info) => pipeline.openTap(info),
    logger,
  }).catch(async (error: Error & { code?: string }) => {
    await ui.close();
    await store.close();
    if (error.code === 'EADDRINUSE') throw new ThreadtapError('bad-option', `port ${ports.proxy} is in use: pass --port N (0 = any free port)`);
    throw error;
  });
  ports.proxy = mitm.port;

  const uiUrl = `http://${urlHost(host)}:${ports.ui}/?token=${token}`;
  const instance: InstanceInfo = { pid: process.pid, proxyUrl: proxyUrl(), uiUrl, caCertPath: ca.certPath, dataDir, startedAt: Date.now() };
  await writeFile(instanceFilePath(dataDir), JSON.stringify(instance), { mode: 0o600 });

  let stopping: Promise<void> | undefined;
  return {
    proxyUrl: proxyUrl(),
    uiUrl,
    token,
    caCertPath: ca.certPath,
    dataDir,
    subscribe,
    stop() {
      stopping ??= (async () => {
        await mitm.close();
        await ui.close();
        await store.close();
        await rm(instanceFilePath(dataDir), { force: true });
      })();
      return stopping;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
