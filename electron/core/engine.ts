// The composition root: builds every part of the core and wires them together. Nothing else constructs services.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LiveEvent } from '../../shared/live-events';
import { loadOrCreateCa } from './proxy/certificate-authority';
import { createLeafCertificateIssuer } from './proxy/leaf-certificates';
import { createInterceptPolicy } from './proxy/intercept-policy';
import { parseMapRule } from './proxy/upstream-target';
import { startMitmServer } from './proxy/mitm-server';
import { isLoopbackHost, urlHost } from './proxy/host-port';
import { createTapOpener } from './capture/capture-tap';
import { startCaptureCoreHost } from './capture-core-host';
import type { BacklogLimits } from './capture/backlog-gate';
import { ThreadtapError } from './errors';
import { limitHeapGrowth } from './heap-growth';
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
  /** Where parsing, reconstruction, the store and the API run: a worker thread (default), or the proxy's own
   * thread. */
  captureThread?: 'worker' | 'main';
  /** How far capture may fall behind before new requests wait for it (defaults in capture/backlog-gate.ts). */
  captureBacklog?: Partial<BacklogLimits>;
  /** Keep a CPU free of background threads while streams flow (cpu-reservation.ts). Only for a process whose threads
   * are all Node's (headless `serve` and `run`), never Electron's. */
  reserveCpuForStreams?: boolean;
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

// Data dirs written by an engine of this process. The store's lock file tells processes apart by pid; two engines of
// one process would each open the store in their own worker thread, where the store cannot see the other's lock.
const dataDirsInUse = new Set<string>();

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const dataDir = resolve(options.dataDir);
  if (dataDirsInUse.has(dataDir)) throw new ThreadtapError('store-failed', `another engine of this process is writing ${dataDir}`);
  dataDirsInUse.add(dataDir);
  try {
    return await startEngineIn(dataDir, options);
  } catch (error) {
    dataDirsInUse.delete(dataDir);
    throw error;
  }
}

async function startEngineIn(dataDir: string, options: EngineOptions): Promise<Engine> {
  limitHeapGrowth();
  const logger = options.logger ?? createConsoleLogger();
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    logger.warn(`listening on ${host}: anyone who can reach this address can use the proxy and see its traffic`);
  }
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
  const token = randomBytes(24).toString('base64url');
  const core = await startCaptureCoreHost(
    {
      dataDir,
      host,
      uiPort: options.uiPort ?? 0,
      uiDir: options.uiDir,
      token,
      caCertPem: ca.certPem,
      caCertPath: ca.certPath,
      settings: { host, intercept: options.intercept ?? [], interceptAll: options.interceptAll ?? false, map: options.map ?? [] },
    },
    logger,
    { inWorker: options.captureThread !== 'main', limits: options.captureBacklog, reserveCpuForStreams: options.reserveCpuForStreams },
  );
  const ports = { proxy: options.port ?? 8787, ui: core.uiPort };
  const proxyUrl = () => `http://${urlHost(host)}:${ports.proxy}`;

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
    openTap: createTapOpener(core.listener),
    admit: core.admit,
    logger,
  }).catch(async (error: Error & { code?: string }) => {
    await core.stop();
    if (error.code === 'EADDRINUSE') throw new ThreadtapError('bad-option', `port ${ports.proxy} is in use: pass --port N (0 = any free port)`);
    throw error;
  });
  ports.proxy = mitm.port;
  core.setProxyUrl(proxyUrl());

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
    subscribe: (listener) => core.subscribe(listener),
    stop() {
      stopping ??= (async () => {
        await mitm.close();
        await core.stop();
        await rm(instanceFilePath(dataDir), { force: true });
        dataDirsInUse.delete(dataDir);
      })();
      return stopping;
    },
  };
}
