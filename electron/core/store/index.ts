// The store's public surface. Everything that touches sql.js stays behind these functions.

export type { CaptureStore, InteractionRef, ListOptions, StoreHealth } from './capture-store';
export { openStore, type OpenStoreOptions, type StoreStats, type WritableStore } from './open-store';
export { openStoreReader, type StoreReader } from './open-store-reader';
export type { SnapshotStats } from './snapshot-scheduler';
export type { StoreFile, StoreFs } from './store-fs';
export { nodeStoreFs } from './store-fs';
export { MIGRATIONS, type Migration } from './migrations';
