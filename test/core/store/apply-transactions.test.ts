// A transaction keeps a copy of every page it changes in SQLite's in-memory rollback journal, inside sql.js's wasm
// memory, which never shrinks. A backlog of puts applied in one transaction grew that memory for good (by 16 MB in a
// 100,000-call run); the database applies a bounded number of entries per transaction instead.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { makeRecord, tempDataDir } from './store-factories';

const MB = 1024 * 1024;

// This project's Node typings leave out WebAssembly's JS API; only these parts of it are used.
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  instantiate: (...args: unknown[]) => Promise<{ instance: { exports: Record<string, unknown> } }>;
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** sql.js's wasm memory, caught as its module is instantiated (it exports no handle to it). */
function catchWasmMemory(): () => WasmMemory {
  let memory: WasmMemory | undefined;
  const instantiate = wasm.instantiate;
  wasm.instantiate = async (...args) => {
    wasm.instantiate = instantiate;
    const result = await instantiate(...args);
    memory = Object.values(result.instance.exports).find((value): value is WasmMemory => value instanceof wasm.Memory);
    return result;
  };
  return () => {
    if (!memory) throw new Error('sql.js was instantiated before this test could see its memory');
    return memory;
  };
}

let next = 0;
function record() {
  const data = randomBytes(300).toString('base64');
  return makeRecord(crypto.randomUUID(), { startedAt: 1_700_000_000_000 + next++, requestBody: { encoding: 'utf8', data, size: data.length } });
}

describe('applying a backlog of puts', () => {
  it('does not grow the wasm memory with the size of the backlog', async () => {
    const wasmMemory = catchWasmMemory();
    const store = await openStore({ dataDir: tempDataDir(), worker: false, snapshotIntervalMs: 600_000, snapshotJournalBytes: 1024 * MB });
    try {
      const before = wasmMemory().buffer.byteLength;
      // Each burst reaches the database as one apply, as a backlog does after the database was busy.
      for (let burst = 0; burst < 10; burst++) {
        for (let i = 0; i < 3_000; i++) store.putInteraction(record());
        await store.flush();
      }
      expect((await store.listInteractionRefs()).length).toBe(30_000);
      expect(wasmMemory().buffer.byteLength - before).toBeLessThan(2 * MB);
    } finally {
      await store.close();
    }
  });
});
