// Entry point of the database worker thread: it owns the sql.js database, so a long export or a big query blocks
// this thread and never the proxy's event loop. Requests are handled strictly in arrival order, which is what
// makes a read see every put posted before it.

import { parentPort } from 'node:worker_threads';
import { DbService, type DbRequest } from './db-service';
import type { WorkerReply, WorkerRequest } from './db-host';
import { PromptGc } from './prompt-gc';

const port = parentPort;
if (!port) throw new Error('db-worker must run in a worker thread');
const service = new DbService();
// Here and not in DbService: in-process, a full collection would pause the thread that runs the proxy.
const promptGc = new PromptGc();
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      const value = await service.handle(message.request as DbRequest);
      reply = { id: message.id, ok: true, value };
    } catch (error) {
      reply = { id: message.id, ok: false, error: { name: (error as Error).name, message: (error as Error).message } };
    }
    // Snapshot bytes move to the main thread without a copy.
    const value = reply.ok ? (reply.value as { bytes?: unknown }) : undefined;
    const transfer = value && value.bytes instanceof Uint8Array ? [value.bytes.buffer as ArrayBuffer] : [];
    port.postMessage(reply, transfer);
    promptGc.checkSoon();
  });
});
