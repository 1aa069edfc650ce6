// How the desktop app gets an engine. A data dir has one writer: when `threadtap serve` (or another copy of the app
// that the single-instance lock cannot see, e.g. from another checkout) already serves this data dir, the window
// attaches to it instead of starting a second engine on the same store.

import type { Engine } from '../core/engine';
import type { InstanceInfo } from '../core/instance-file';

export const DEFAULT_PROXY_PORT = 8787;

export type EngineConnection =
  | { kind: 'own'; engine: Engine; proxyUrl: string; uiUrl: string; dataDir: string }
  | { kind: 'attached'; instance: InstanceInfo; proxyUrl: string; uiUrl: string; dataDir: string };

export interface ConnectOptions {
  dataDir: string;
  findRunning: (dataDir: string) => Promise<InstanceInfo | undefined>;
  /** startEngine with everything but the port bound. */
  start: (port: number) => Promise<Engine>;
  /** This process's pid: an instance file naming it is stale from an earlier crash of this very process, not a peer. */
  pid?: number;
  log?: (message: string) => void;
}

/** The engine reports a busy port as a bad-option error (for the CLI's --port hint); the app just takes any port. */
export function isPortInUse(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (error as { code?: string })?.code === 'EADDRINUSE' || /\bin use\b/.test(message);
}

export async function connectEngine(options: ConnectOptions): Promise<EngineConnection> {
  const running = await options.findRunning(options.dataDir);
  if (running && running.pid !== (options.pid ?? process.pid)) {
    return { kind: 'attached', instance: running, proxyUrl: running.proxyUrl, uiUrl: running.uiUrl, dataDir: running.dataDir };
  }
  let engine: Engine;
  try {
    engine = await options.start(DEFAULT_PROXY_PORT);
  } catch (error) {
    if (!isPortInUse(error)) throw error;
    options.log?.(`threadtap: port ${DEFAULT_PROXY_PORT} is in use; the proxy takes a free port instead`);
    engine = await options.start(0);
  }
  return { kind: 'own', engine, proxyUrl: engine.proxyUrl, uiUrl: engine.uiUrl, dataDir: engine.dataDir };
}
