// Runs the capture core in a worker thread and gives the engine the same CaptureCore it would get in-process. On the
// proxy's thread a captured exchange then costs only its recorder and a few postMessage calls; parsing, placement,
// persistence and the API's bookkeeping happen on another core, at a lower priority. Each finished exchange is also
// appended to the intake journal here, until the worker reports it stored; if the worker falls too far behind, new
// requests wait for it (`admit`). If the worker cannot start from its file (a build without it), the core runs in
// this thread instead, with a warning.

import type { Worker } from 'node:worker_threads';
import type { CaptureListener, CapturedExchange } from './capture/exchange-recorder';
import { isStreamingContentType } from './capture/capture-pipeline';
import { startCaptureCore, type CaptureCore, type CaptureCoreOptions } from './capture-core';
import type { ExchangeUpdate, FromCore, ToCore } from './capture-core-protocol';
import { isErrorCode, ThreadtapError } from './errors';
import { createLiveEmitter } from './live-emitter';
import { createBacklogGate, DEFAULT_BACKLOG_LIMITS, REOPEN_AT, type BacklogLimits } from './capture/backlog-gate';
import { openIntakeJournal, type IntakeJournal } from './capture/intake-journal';
import type { Logger } from './logger';
import { findWorkerEntry, startWorker } from './worker-thread';
import { startCpuReservation } from './cpu-reservation';

export interface CaptureHostOptions {
  /** Run the core in a worker thread (default), or on the proxy's thread. */
  inWorker?: boolean;
  limits?: Partial<BacklogLimits>;
  /** Keep a CPU free of background threads while streams flow (cpu-reservation.ts): for headless processes, whose
   * threads are all Node's. */
  reserveCpuForStreams?: boolean;
}

export async function startCaptureCoreHost(options: CaptureCoreOptions, logger: Logger, host: CaptureHostOptions = {}): Promise<CaptureCore> {
  const inWorker = host.inWorker ?? true;
  const entry = inWorker ? findWorkerEntry(import.meta.url, 'capture-core-worker') : undefined;
  if (!entry) {
    if (inWorker) logger.warn('the capture worker file is missing; capture runs on the proxy thread');
    return startCaptureCore(options, logger);
  }
  return startInWorker(startWorker(entry, 16), options, logger, host);
}

function startInWorker(worker: Worker, options: CaptureCoreOptions, logger: Logger, host: CaptureHostOptions): Promise<CaptureCore> {
  // Messages go over in one batch per turn of the event loop: each postMessage wakes the other thread, and a
  // request's recorder calls often come in bursts.
  let batch: ToCore[] = [];
  let transfers: ArrayBuffer[] = [];
  const flush = () => {
    const messages = batch;
    const transfer = transfers;
    batch = [];
    transfers = [];
    worker.postMessage(messages, transfer);
  };
  const post = (message: ToCore, transfer?: ArrayBuffer[]) => {
    if (batch.length === 0) setImmediate(flush);
    batch.push(message);
    if (transfer) transfers.push(...transfer);
  };
  const live = createLiveEmitter(logger, (on) => post({ t: 'subscribe', on }));
  let stopped: ((flushed: boolean) => void) | undefined;
  let alive = true;
  // Opened only once the worker is ready: the store's write lock then says this process owns the data dir.
  let intake: IntakeJournal | undefined;
  let readied = false;
  const gate = createBacklogGate(() => intake?.backlog() ?? { count: 0, bytes: 0 }, host.limits, logger);
  // The backlog as the worker's hold sees it (burst-hold.ts): written here as it changes, read there at any time.
  const backlog = new Int32Array(new SharedArrayBuffer(4));
  const publishBacklog = () => Atomics.store(backlog, 0, intake?.backlog().count ?? 0);
  const cpu = host.reserveCpuForStreams ? startCpuReservation(logger) : undefined;

  return new Promise<CaptureCore>((resolve, reject) => {
    const onStartError = (error: Error) => reject(error);
    worker.on('message', (message: FromCore) => {
      switch (message.t) {
        case 'ready': {
          readied = true;
          worker.off('error', onStartError);
          try {
            const opened = openIntakeJournal(options.dataDir, logger);
            intake = opened.journal;
            if (opened.leftover.length) logger.info(`capturing ${opened.leftover.length} exchanges the last run finished but had not stored`);
            opened.leftover.forEach((exchange, i) => post({ t: 'finished', exchange, seq: i + 1, recovered: true }));
          } catch (error) {
            logger.warn(`the capture intake could not be opened (${(error as Error).message}); capture goes on without its crash safety net`);
          }
          resolve(core(message.uiPort));
          break;
        }
        case 'stored':
          intake?.stored(message.seq);
          publishBacklog();
          gate.changed();
          break;
        case 'start-failed':
          // After `ready` the proxy already runs: traffic goes on, uncaptured, and says so.
          if (readied) logger.error(`capture could not start (${message.error.message}); traffic still flows but is not captured`);
          alive = false;
          gate.open();
          void worker.terminate();
          reject(rebuildError(message.error));
          break;
        case 'log':
          logger[message.level](message.message);
          break;
        case 'event':
          live.emit(message.event);
          break;
        case 'stopped':
          stopped?.(message.flushed);
          break;
      }
    });
    worker.once('error', onStartError);
    worker.on('error', (error) => {
      if (alive) logger.error(`the capture core stopped (${error.message}); traffic still flows but is no longer captured`);
    });
    worker.on('exit', () => {
      alive = false;
      gate.open();
      cpu?.stop();
      stopped?.(false);
      reject(new Error('the capture worker exited while starting'));
    });
    // A burst is held up to where the gate reopens: the hold alone never makes the gate close.
    const limits = { ...DEFAULT_BACKLOG_LIMITS, ...host.limits };
    post({ t: 'start', options, hold: { count: limits.count * REOPEN_AT, bytes: limits.bytes * REOPEN_AT }, backlog: backlog.buffer as SharedArrayBuffer });
  });

  function core(uiPort: number): CaptureCore {
    return {
      uiPort,
      listener: postingListener(
        post,
        (exchange) => {
          const seq = intake?.append(exchange);
          publishBacklog();
          return seq;
        },
        cpu?.streamMoved,
      ),
      setProxyUrl: (url) => post({ t: 'proxy-url', url }),
      subscribe: live.subscribe,
      admit: () => (alive ? gate.admit() : undefined),
      async stop() {
        if (alive) {
          const handledBeforeStop = intake?.lastSeq() ?? 0;
          const flushed = await new Promise<boolean>((resolve) => {
            stopped = resolve;
            post({ t: 'stop' });
          });
          // The worker handled every message before the stop and closed its store: all of those are on disk. An
          // exchange that finished after the stop was posted stays in the intake for the next start.
          if (flushed) intake?.stored(handledBeforeStop);
        }
        alive = false;
        gate.open();
        cpu?.stop();
        await intake?.close();
        await worker.terminate();
      },
    };
  }
}

// What the worker already holds once `request-sent` crossed; later messages leave these out.
const REQUEST_FIELDS = ['via', 'method', 'url', 'requestHeaders', 'requestBody', 'startedAt', 'clientAddress'] as const;

// A streamed answer's chunks go ahead to the worker (for live progress) gathered over this long: an LLM stream sends
// an event every few milliseconds, and waking the worker for each costs the proxy thread more than the text is worth
// to a person watching.
const PROGRESS_INTERVAL_MS = 40;

/** Recorder calls become messages. Cloning an exchange costs microseconds per header, so each part crosses once:
 * later messages carry only what changed since the worker last heard of the exchange, and only streamed responses
 * are announced and send their chunks ahead, gathered, for live progress. */
function postingListener(
  post: (message: ToCore, transfer?: ArrayBuffer[]) => void,
  journal: (exchange: CapturedExchange) => number | undefined,
  streamMoved: () => void = () => {},
): CaptureListener {
  const sent = new Set<string>();
  const headed = new Set<string>();
  const streaming = new Map<string, { chunks: Buffer[]; sentFirst: boolean; timer?: NodeJS.Timeout }>();
  const sendChunks = (id: string) => {
    const stream = streaming.get(id);
    if (!stream || stream.chunks.length === 0) return;
    clearTimeout(stream.timer);
    stream.timer = undefined;
    // One fresh buffer of just these bytes, transferred: a socket's Buffer may share a pooled backing store.
    const joined = new Uint8Array(stream.chunks.reduce((size, chunk) => size + chunk.length, 0));
    let at = 0;
    for (const chunk of stream.chunks) {
      joined.set(chunk, at);
      at += chunk.length;
    }
    stream.chunks = [];
    post({ t: 'response-chunk', id, chunk: joined }, [joined.buffer]);
  };
  const changes = (exchange: CapturedExchange, leaveOut: boolean, withBodies: boolean): ExchangeUpdate => {
    const update: ExchangeUpdate = { ...exchange };
    if (!withBodies) delete update.responseBody;
    if (leaveOut) for (const field of REQUEST_FIELDS) delete update[field];
    else if (!withBodies) delete update.requestBody;
    return update;
  };
  return {
    requestSent(exchange) {
      sent.add(exchange.id);
      post({ t: 'request-sent', exchange });
    },
    responseStarted(exchange) {
      // Only a stream is followed as it arrives; any other answer reaches the worker once, when it is finished.
      if (!isStreamingContentType(exchange.responseHeaders?.['content-type'])) return;
      streamMoved();
      streaming.set(exchange.id, { chunks: [], sentFirst: false });
      headed.add(exchange.id);
      post({ t: 'response-started', exchange: changes(exchange, sent.has(exchange.id), false) });
    },
    responseChunk(id, chunk) {
      const stream = streaming.get(id);
      if (!stream) return;
      streamMoved();
      stream.chunks.push(chunk);
      // The first chunk goes at once, so the first token shows live; later ones are gathered.
      if (!stream.sentFirst) {
        stream.sentFirst = true;
        sendChunks(id);
        return;
      }
      stream.timer ??= setTimeout(() => sendChunks(id), PROGRESS_INTERVAL_MS);
    },
    finished(exchange) {
      sendChunks(exchange.id);
      streaming.delete(exchange.id);
      const update = changes(exchange, sent.delete(exchange.id), true);
      if (headed.delete(exchange.id)) delete update.responseHeaders;
      post({ t: 'finished', exchange: update, seq: journal(exchange) });
    },
    captureFailed(error, id) {
      post({ t: 'capture-failed', id, message: (error as Error)?.message ?? String(error) });
    },
  };
}

function rebuildError(error: { name: string; message: string; code?: string }): Error {
  if (error.name === 'ThreadtapError' && isErrorCode(error.code)) return new ThreadtapError(error.code, error.message);
  const rebuilt = new Error(error.message) as Error & { code?: string };
  rebuilt.name = error.name;
  if (error.code) rebuilt.code = error.code;
  return rebuilt;
}
