// Read-only access for a second process (`threadtap sessions`, `export`) while `serve` writes the same data dir.
// It never writes, never takes the lock, never moves a file: it loads the snapshot plus the journal into its own
// in-memory database, a consistent view of everything durable when it opened.
//
// The journal is read before the snapshot on purpose: if the writer folds segments into a new snapshot and deletes
// them in between, the newer snapshot already holds them; the other order could miss them.

import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import { ThreadtapError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { InteractionRef, ListOptions } from './capture-store';
import { createInProcessHost } from './db-host';
import { listSegments, readSegments, readSnapshot, storePaths } from './store-files';
import { nodeStoreFs } from './store-fs';

export interface StoreReader {
  listInteractions(options?: ListOptions): Promise<InteractionRecord[]>;
  listInteractionRefs(options?: ListOptions): Promise<InteractionRef[]>;
  getInteraction(id: string): Promise<InteractionRecord | undefined>;
  getExchange(id: string): Promise<Exchange | undefined>;
  /** Problems met while loading (an unreadable snapshot, skipped journal lines); empty when all was read. */
  warnings: string[];
  close(): Promise<void>;
}

export async function openStoreReader(
  dataDir: string,
  options: { fileName?: string; logger?: Logger } = {},
): Promise<StoreReader> {
  const logger = options.logger ?? silentLogger;
  const fs = nodeStoreFs;
  const paths = storePaths(dataDir, options.fileName);
  const journals = await readSegments(fs, paths, await listSegments(fs, paths));
  const snapshot = await readSnapshot(fs, paths);
  const host = createInProcessHost();
  const opened = await host
    .call('open', { snapshot: snapshot.kind === 'read' ? snapshot.bytes : null, journals })
    .catch((error: Error) => {
      throw new ThreadtapError('store-failed', `cannot read the capture database in ${dataDir}: ${error.message}`, { cause: error });
    });
  const warnings = [...opened.warnings];
  if (opened.corrupt) warnings.push(`the database file ${paths.snapshot} is unreadable (${opened.corrupt}); showing the journal only`);
  if (snapshot.kind === 'unreadable') warnings.push(`the database file ${paths.snapshot} cannot be read (${snapshot.reason}); showing the journal only`);
  for (const warning of warnings) logger.warn(warning);
  return {
    listInteractions: (listOptions) => host.call('listInteractions', listOptions ?? {}),
    listInteractionRefs: (listOptions) => host.call('listInteractionRefs', listOptions ?? {}),
    getInteraction: (id) => host.call('getInteraction', { id }),
    getExchange: (id) => host.call('getExchange', { id }),
    warnings,
    async close() {
      await host.call('close', {}).catch(() => undefined);
      await host.terminate();
    },
  };
}
