// Capture → providers → store → live events: turns each exchange the recorders report into an interaction. It runs
// off the proxy's thread (see capture-core-host.ts). Any failure here is logged and marks that one exchange;
// traffic flows on.

import type { Body, Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { LiveEvent } from '../../../shared/live-events';
import type { ParsedExchange } from '../../../shared/normalized';
import type { Placement } from '../../../shared/session';
import type { LivePlacement, PlacementResult } from './live-placement';
import type { CaptureStore } from '../store/capture-store';
import type { Logger } from '../logger';
import { createStreamObserver, detectEndpoint, parseExchange } from '../providers';
import { TextDecoder } from 'node:util';
import { bodyText, capturedToBody, type CapturedBody } from './body-codec';
import type { CaptureListener, CapturedExchange } from './exchange-recorder';

export interface CapturePipelineDeps {
  store: CaptureStore;
  emit(event: LiveEvent): void;
  placement: LivePlacement;
  logger: Logger;
}

export interface CapturePipeline {
  /** Where the recorders report. */
  listener: CaptureListener;
  /** Interactions whose response has not finished yet: only in memory until they finish (the store keeps
   * completed exchanges; the UI learns of open ones from live events and this list). */
  inFlight(): InteractionRecord[];
}

interface StreamState {
  observe: ReturnType<typeof createStreamObserver> | null;
  decoder: TextDecoder;
  bytes: number;
}

/** Responses whose chunks are parsed as they arrive, for live progress; other bodies are parsed once, whole. */
export function isStreamingContentType(contentType: string | undefined): boolean {
  return /event-stream|ndjson|json-seq/.test(contentType ?? '');
}

export function parseCapturedExchange(exchange: Exchange, earlier?: ParsedExchange): ParsedExchange {
  return parseExchange(
    {
      method: exchange.method,
      url: exchange.url,
      requestHeaders: exchange.requestHeaders,
      requestBody: bodyText(exchange.requestBody),
      status: exchange.status,
      responseHeaders: exchange.responseHeaders,
      responseBody: bodyText(exchange.responseBody),
      aborted: exchange.state === 'aborted' || exchange.state === 'error',
    },
    earlier,
  );
}

export function createCapturePipeline(deps: CapturePipelineDeps): CapturePipeline {
  const streams = new Map<string, StreamState>();
  // The request body arrives with the request and again with the finished exchange: it is turned into text once.
  const converted = new WeakMap<CapturedBody, Body>();
  const text = (body: CapturedBody | undefined): Body | undefined => {
    if (!body) return undefined;
    let known = converted.get(body);
    if (!known) converted.set(body, (known = capturedToBody(body)));
    return known;
  };
  const stored = (captured: CapturedExchange): Exchange => {
    const exchange = { ...captured } as Exchange;
    if (captured.requestBody) exchange.requestBody = text(captured.requestBody);
    if (captured.responseBody) exchange.responseBody = text(captured.responseBody);
    return exchange;
  };

  // Records whose response is still open. A revision of one of them is applied in memory; its final write
  // carries the current placement.
  const inFlight = new Map<string, InteractionRecord>();

  const record = (captured: CapturedExchange, place: (rec: InteractionRecord) => PlacementResult, earlier?: ParsedExchange): InteractionRecord => {
    const exchange = stored(captured);
    const rec: InteractionRecord = { id: exchange.id, exchange, parsed: parseCapturedExchange(exchange, earlier) };
    const { placement, revisions } = place(rec);
    rec.placement = placement;
    for (const revision of revisions) void revise(revision.id, revision.placement);
    return rec;
  };

  async function revise(id: string, placement: Placement): Promise<void> {
    const pending = inFlight.get(id);
    if (pending) {
      pending.placement = placement;
      deps.emit({ type: 'placement-revised', id, placement });
      return;
    }
    try {
      const stored = await deps.store.getInteraction(id);
      if (!stored) return;
      deps.store.putInteraction({ ...stored, placement });
      deps.emit({ type: 'placement-revised', id, placement });
    } catch (error) {
      deps.logger.warn(`could not revise the placement of ${id}: ${(error as Error).message}`);
    }
  }

  const listener: CaptureListener = {
    requestSent(exchange) {
      const rec = record(exchange, (r) => deps.placement.placeRequest(r));
      inFlight.set(exchange.id, rec);
      deps.emit({ type: 'interaction-started', interaction: rec });
    },
    responseStarted(exchange) {
      const info = detectEndpoint(exchange.method, exchange.url, exchange.requestHeaders);
      const contentType = exchange.responseHeaders?.['content-type'] ?? '';
      const streaming = isStreamingContentType(contentType);
      streams.set(exchange.id, {
        observe: info && streaming ? createStreamObserver(info, contentType) : null,
        decoder: new TextDecoder(),
        bytes: 0,
      });
    },
    responseChunk(exchangeId, chunk) {
      const state = streams.get(exchangeId);
      if (!state) return;
      state.bytes += chunk.length;
      if (!state.observe) return;
      const { textDelta } = state.observe.push(state.decoder.decode(chunk, { stream: true }));
      deps.emit({ type: 'interaction-progress', id: exchangeId, textDelta, bytes: state.bytes });
    },
    finished(exchange) {
      streams.delete(exchange.id);
      const earlier = inFlight.get(exchange.id)?.parsed;
      inFlight.delete(exchange.id);
      const rec = record(exchange, (r) => deps.placement.placeResponse(r), earlier);
      deps.store.putInteraction(rec);
      deps.emit({ type: 'interaction-completed', interaction: rec });
    },
    captureFailed(error, exchangeId) {
      deps.logger.warn(`capture of exchange ${exchangeId} failed: ${(error as Error)?.message ?? String(error)}`);
    },
  };

  return {
    listener,
    inFlight: () => [...inFlight.values()],
  };
}
