// Entry point of the capture core's worker thread: starts the core and replays the proxy thread's recorder calls
// into it. Logs, (when the engine has subscribers) live events, and how far the store has taken the finished
// exchanges go back to the proxy's thread.

import { parentPort } from 'node:worker_threads';
import { startCaptureCore, type LocalCaptureCore } from './capture-core';
import type { CapturedExchange } from './capture/exchange-recorder';
import type { ExchangeUpdate, FromCore, ToCore } from './capture-core-protocol';
import { lowerThisThread } from './helper-threads';
import { IdleGc } from './idle-gc';
import { BurstHold, type HoldLimits } from './capture/burst-hold';
import type { Logger } from './logger';

const port = parentPort;
if (!port) throw new Error('capture-core-worker must run in a worker thread');

// Below the proxy's priority: on a busy machine the agents' traffic goes first and capture catches up in the gaps (the
// intake journal keeps what finished meanwhile). The store's thread, started from here, follows.
lowerThisThread();

// Fault injection for tests: holds every batch this long, as a starved capture thread would.
const stallMs = Number(process.env.THREADTAP_CAPTURE_STALL_MS) || 0;
const stall = stallMs > 0 ? () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallMs) : undefined;
const send = (message: FromCore) => port.postMessage(message);

const logger: Logger = {
  debug: (message) => send({ t: 'log', level: 'debug', message }),
  info: (message) => send({ t: 'log', level: 'info', message }),
  warn: (message) => send({ t: 'log', level: 'warn', message }),
  error: (message) => send({ t: 'log', level: 'error', message }),
};

let core: LocalCaptureCore | undefined;
let unsubscribe: (() => void) | undefined;
// Exchanges still open, as last heard of: later messages carry only what changed.
const open = new Map<string, CapturedExchange>();
const merged = (update: ExchangeUpdate): CapturedExchange => {
  const known = open.get(update.id);
  const exchange = known ? Object.assign(known, update) : (update as CapturedExchange);
  open.set(exchange.id, exchange);
  return exchange;
};
const fail = (id: string, error: unknown) => core?.listener.captureFailed(error, id);

// Tells the proxy's thread how far the store has taken the finished exchanges, one flush at a time. Exchanges an
// earlier run left in the intake are checked against the store first (`recovering`), so they are never stored twice.
let handledSeq = 0;
let reportedSeq = 0;
let reporting = false;
let recovering: Promise<unknown> = Promise.resolve();
let recoveriesPending = 0;
function reportStored(): void {
  if (reporting || handledSeq <= reportedSeq || !core) return;
  reporting = true;
  const upTo = handledSeq;
  const started = core;
  void recovering
    .then(() => started.flush())
    .then(
      () => {
        reportedSeq = upTo;
        send({ t: 'stored', seq: upTo });
      },
      (error: Error) => {
        logger.warn(`the store could not flush: ${error.message}`);
        return new Promise((resolve) => setTimeout(resolve, 1_000));
      },
    )
    .finally(() => {
      reporting = false;
      reportStored();
    });
}

function finish(update: ExchangeUpdate): void {
  const exchange = merged(update);
  open.delete(exchange.id);
  core!.listener.finished(exchange);
}

// The proxy starts once the UI port is bound (`ready`), while the store is still being replayed into the session
// index; what it sends meanwhile waits here, in order, and the intake journal keeps the finished exchanges safe.
let held: ToCore[] | undefined;
// A stop while the store is still being replayed, before any traffic came, ends the replay instead of waiting for
// it. Once traffic is held the stop waits, so that traffic is placed after the sessions it may continue.
const starting = new AbortController();
const carriesTraffic = (message: ToCore) => message.t !== 'proxy-url' && message.t !== 'subscribe';

function handle(message: ToCore): void {
  if (message.t === 'start') {
    Object.assign(holdLimits, message.hold);
    backlog = new Int32Array(message.backlog);
    held = [];
    startCaptureCore(message.options, logger, { onListening: (uiPort) => send({ t: 'ready', uiPort }), signal: starting.signal, behind: backlogCount }).then(
      (started) => {
        core = started;
        const waiting = held ?? [];
        held = undefined;
        for (const m of waiting) handleSafely(m);
        // The replay ended just as a stop aborted it: that stop still has to happen.
        if (starting.signal.aborted) handleSafely({ t: 'stop' });
        reportStored();
      },
      (error: Error & { code?: string }) => {
        if (starting.signal.aborted) send({ t: 'stopped', flushed: false });
        else send({ t: 'start-failed', error: { name: error.name, message: error.message, code: error.code } });
      },
    );
    return;
  }
  if (!core) {
    if (message.t === 'stop' && !held?.some(carriesTraffic)) starting.abort();
    else held?.push(message);
    return;
  }
  // Traffic after exchanges recovered from the intake goes in after them: a conversation's next turn must find the
  // turns before it placed.
  if (recoveriesPending > 0 && carriesTraffic(message) && !(message.t === 'finished' && message.recovered)) {
    recovering = recovering.then(() => {
      handleSafely(message);
      reportStored();
    });
    return;
  }
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
      if (message.seq) handledSeq = Math.max(handledSeq, message.seq);
      const { exchange } = message;
      if (!message.recovered) {
        finish(exchange);
        break;
      }
      const held = core.holds(exchange.id);
      recoveriesPending++;
      recovering = recovering
        .then(async () => {
          if (!(await held)) finish(exchange);
        })
        .catch((error: Error) => fail(exchange.id, error))
        .finally(() => recoveriesPending--);
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
      void stopCore(core).then((flushed) => send({ t: 'stopped', flushed }));
      break;
  }
}

function handleSafely(message: ToCore): void {
  try {
    handle(message);
  } catch (error) {
    const id = 'exchange' in message ? message.exchange.id : 'id' in message ? message.id : undefined;
    if (id) fail(id, error);
    else logger.error(`the capture core could not handle "${message.t}": ${(error as Error).message}`);
  }
}

const bodyBytes = (exchange: ExchangeUpdate) => (exchange.requestBody?.bytes.byteLength ?? 0) + (exchange.responseBody?.bytes.byteLength ?? 0);
const holdLimits: HoldLimits = { count: 0, bytes: 0 };
let backlog: Int32Array | undefined;
// The proxy's thread counts every finished exchange until the store has it: held here, on its way, or being flushed.
const backlogCount = () => (backlog ? Atomics.load(backlog, 0) : 0);
const hold: BurstHold<ToCore> = new BurstHold<ToCore>({
  kind: (message) => (message.t === 'stop' ? 'last' : message.t === 'start' || message.t === 'proxy-url' || message.t === 'subscribe' ? 'aside' : 'traffic'),
  starts: (message) => message.t === 'request-sent',
  ends: (message) => message.t === 'finished',
  bytes: (message) =>
    message.t === 'response-chunk' ? message.chunk.byteLength : message.t === 'request-sent' || message.t === 'response-started' || message.t === 'finished' ? bodyBytes(message.exchange) : 0,
  handle: handleSafely,
  handled: reportStored,
  limits: holdLimits,
  outside: (): number => Math.max(0, backlogCount() - hold.exchanges()),
});
const idleGc = new IdleGc(() => open.size > 0 || hold.pending() > 0);
port.on('message', (messages: ToCore[]) => {
  stall?.();
  hold.take(messages);
  idleGc.activity();
});

// How long a stop waits for the store to take everything: a full disk would make it wait for ever; the intake
// journal then keeps what did not get in, for the next start.
const STOP_FLUSH_MS = 5_000;

async function stopCore(started: LocalCaptureCore): Promise<boolean> {
  let flushed = false;
  try {
    await recovering;
    let timer: NodeJS.Timeout | undefined;
    flushed = await Promise.race([
      started.flush().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_FLUSH_MS))),
    ]);
    clearTimeout(timer);
    await started.stop();
  } catch (error) {
    logger.warn(`the capture core did not stop cleanly: ${(error as Error).message}`);
    return false;
  }
  return flushed;
}
