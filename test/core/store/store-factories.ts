// Small builders for store tests: exchanges and interaction records, temp data dirs, a logger that remembers what
// it was told, and a file system whose writes can be made to fail like a full disk.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Logger } from '../../../electron/core/logger';
import { nodeStoreFs, type StoreFs } from '../../../electron/core/store';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'threadtap-store-'));
}

export function makeExchange(id: string, overrides: Partial<Exchange> = {}): Exchange {
  const body = JSON.stringify({ model: 'claude-test', messages: [{ role: 'user', content: `hello from ${id}` }] });
  return {
    id,
    via: 'proxy',
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    requestHeaders: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…9f3a' },
    requestBody: { encoding: 'utf8', data: body, size: body.length },
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { encoding: 'utf8', data: `{"id":"msg_${id}","content":[{"type":"text","text":"hi"}]}`, size: 50 },
    state: 'complete',
    startedAt: 1_700_000_000_000,
    headersAt: 1_700_000_000_100,
    endedAt: 1_700_000_000_200,
    ...overrides,
  };
}

export function makeRecord(id: string, overrides: Partial<Exchange> = {}): InteractionRecord {
  const exchange = makeExchange(id, overrides);
  return {
    id,
    exchange,
    parsed: { provider: 'anthropic', api: 'anthropic-messages', endpoint: '/v1/messages', model: 'claude-test', notes: [] },
    placement: { sessionId: `s-${id}`, parentId: null, kind: 'start' },
  };
}

export interface RecordingLogger extends Logger {
  warnings: string[];
  errors: string[];
}

export function recordingLogger(): RecordingLogger {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    debug() {},
    info() {},
    warn: (m) => void warnings.push(m),
    error: (m) => void errors.push(m),
  };
}

/**
 * Node's file system with a switch: while `failing`, every mutation throws ENOSPC, and a write first puts half of
 * its bytes on disk (a disk filling up mid-write), which is the case that tears a journal line.
 */
export function faultyFs(base: StoreFs = nodeStoreFs): StoreFs & { failing: boolean; failures: number } {
  const fs = {
    failing: false,
    failures: 0,
    mkdir: (path: string) => guard(() => base.mkdir(path)),
    rename: (from: string, to: string) => guard(() => base.rename(from, to)),
    unlink: (path: string) => guard(() => base.unlink(path)),
    readdir: (path: string) => base.readdir(path),
    readFile: (path: string) => base.readFile(path),
    async open(path: string, flags: 'a' | 'w' | 'wx' | 'r') {
      if (flags !== 'r') await guard(async () => undefined);
      const file = await base.open(path, flags);
      return {
        async writeAll(data: string | Uint8Array) {
          if (fs.failing) {
            const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
            // Never a line boundary: the fragment must end inside a line to tear it.
            await file.writeAll(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2) - 7)));
          }
          await guard(() => file.writeAll(data));
        },
        datasync: () => guard(() => file.datasync()),
        sync: () => guard(() => file.sync()),
        close: () => file.close(),
      };
    },
  };
  async function guard<T>(op: () => Promise<T>): Promise<T> {
    if (fs.failing) {
      fs.failures++;
      throw Object.assign(new Error('ENOSPC: no space left on device (simulated)'), { code: 'ENOSPC' });
    }
    return op();
  }
  return fs;
}

/** Node's file system, telling `onWrite` of every write (its file and bytes) just before it happens. */
export function watchedFs(onWrite: (path: string, data: string | Uint8Array) => void): StoreFs {
  return {
    ...nodeStoreFs,
    open: async (path, flags) => {
      const file = await nodeStoreFs.open(path, flags);
      return {
        ...file,
        writeAll: (data) => {
          onWrite(path, data);
          return file.writeAll(data);
        },
      };
    },
  };
}
