// Entry point of the capture core's worker thread: starts the core and replays the proxy thread's recorder calls
// into it. Logs and (when the engine has subscribers) live events go back to the proxy's thread.

import { parentPort } from 'node:worker_threads';
import type { Exchange } from '../../shared/exchange';
import { startCaptureCore, type CaptureCore } from './capture-core';
import type { ExchangeUpdate, FromCore, ToCore } from './capture-core-protocol';
import type { Logger } from './logger';

const port = parentPort;
if (!port) throw new Error('capture-core-worker must run in a worker thread');
const send = (message: FromCore) => port.postMessage(message);

const logger: Logger = {
  debug: (message) => send({ t: 'log', level: 'debug', message }),
  info: (message) => send({ t: 'log', level: 'info', message }),
  warn: (message) => send({ t: 'log', level: 'warn', message }),
  error: (message) => send({ t: 'log', level: 'error', message }),
};

let core: CaptureCore | undefined;
let unsubscribe: (() => void) | undefined;
// Exchanges still open, as last heard of: later messages carry only what changed.
const open = new Map<string, Exchange>();
const merged = (update: ExchangeUpdate): Exchange => {
  const known = open.get(update.id);
  const exchange = known ? Object.assign(known, update) : (update as Exchange);
  open.set(exchange.id, exchange);
  return exchange;
};
const fail = (id: string, error: unknown) => core?.listener.captureFailed(error, id);

function handle(message: ToCore): void {
  if (message.t === 'start') {
    startCaptureCore(message.options, logger).then(
      (started) => {
        core = started;
        send({ t: 'ready', uiPort: started.uiPort });
      },
      (error: Error & { code?: string }) => send({ t: 'start-failed', error: { name: error.name, message: error.message, code: error.code } }),
    );
    return;
  }
  if (!core) return;
  const listener = core.listener;
  switch (message.t) {
    case 'request-sent':
      listener.requestSent(merged(message.exchange));
      break;
    case 'response-started':
      listener.responseStarted(merged(message.exchange));
      break;
    case 'response-chunk':
      listener.responseChunk(message.id, Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
      break;
    case 'finished': {
      const exchange = merged(message.exchange);
      open.delete(exchange.id);
      listener.finished(exchange);
      break;
    }
    case 'capture-failed':
      fail(message.id, new Error(message.message));
      break;
    case 'proxy-url':
      core.setProxyUrl(message.url);
      break;
    case 'subscribe':
      unsubscribe?.();
      unsubscribe = message.on ? core.subscribe((event) => send({ t: 'event', event })) : undefined;
      break;
    case 'stop':
      core.stop().finally(() => send({ t: 'stopped' }));
      break;
  }
}

port.on('message', (messages: ToCore[]) => {
  for (const message of messages) {
    try {
      handle(message);
    } catch (error) {
      const id = 'exchange' in message ? message.exchange.id : 'id' in message ? message.id : undefined;
      if (id) fail(id, error);
      else logger.error(`the capture core could not handle "${message.t}": ${(error as Error).message}`);
    }
  }
});
