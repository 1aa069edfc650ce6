// Where the database runs. The writer runs it in a worker thread so exports and queries never stall the proxy;
// the read-only CLI runs it in-process. Both hosts serve the same requests through DbService.

import { findWorkerEntry, startWorker } from '../worker-thread';
import { DbService, type DbRequest, type DbResults } from './db-service';

export interface WorkerRequest {
  id: number;
  request: DbRequest;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

export interface DbHost {
  readonly kind: 'worker' | 'in-process';
  /** `transfer`: buffers in `args` that move to the database's thread instead of being copied (the caller's become empty). */
  call<K extends DbRequest['op']>(op: K, args: Extract<DbRequest, { op: K }>['args'], transfer?: ArrayBuffer[]): Promise<DbResults[K]>;
  /** Stops the host; pending calls fail. */
  terminate(): Promise<void>;
}

/** A failure reported by the database owner, rebuilt on this side of the thread boundary. */
export class DbHostError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function createInProcessHost(): DbHost {
  const service = new DbService();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'in-process',
    call(op, args) {
      // Serialized like the worker, so ordering guarantees are the same in both hosts.
      const result = queue.then(() => service.handle({ op, args } as DbRequest));
      queue = result.catch(() => undefined);
      return result as Promise<DbResults[typeof op]>;
    },
    async terminate() {
      await queue;
    },
  };
}

/**
 * Starts the worker from `workerUrl`, or else from the file next to this one (a bundle moves this module away from
 * the worker file, so the shell may pass the emitted `db-worker.js` explicitly). Returns undefined when no worker
 * file is there; the caller then falls back to the in-process host.
 */
export function createWorkerHost(workerUrl: URL | string | undefined, onCrash: (error: Error) => void): DbHost | undefined {
  const entry = findWorkerEntry(import.meta.url, 'db-worker', workerUrl);
  if (!entry) return undefined;
  // The database's own memory is wasm and array buffers; its JS allocations are short-lived rows and lines.
  const worker = startWorker(entry, 8);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let dead: Error | undefined;
  const failAll = (error: Error) => {
    dead ??= error;
    for (const p of [...pending.values()]) p.reject(error);
  };
  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new DbHostError(reply.error.name, reply.error.message));
  });
  worker.on('error', (error) => {
    failAll(error);
    onCrash(error);
  });
  worker.on('exit', (code) => failAll(new Error(`database worker exited (${code})`)));
  worker.unref();
  return {
    kind: 'worker',
    call(op, args, transfer) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // The worker is referenced only while a call is pending, so it never keeps a finished CLI process alive.
        const settle = () => {
          pending.delete(id);
          if (pending.size === 0) worker.unref();
        };
        pending.set(id, {
          resolve: (value) => (settle(), resolve(value as never)),
          reject: (error) => (settle(), reject(error)),
        });
        worker.ref();
        worker.postMessage({ id, request: { op, args } as DbRequest } satisfies WorkerRequest, transfer);
      });
    },
    async terminate() {
      dead ??= new Error('database worker stopped');
      await worker.terminate();
    },
  };
}
