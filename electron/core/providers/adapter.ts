import type { Api, NormalizedRequest, NormalizedResponse } from '../../../shared/normalized';

/** What the stream decoder hands an adapter: parsed payloads in order, plus the `[DONE]` sentinel if one came. */
export interface DecodedStream {
  events: unknown[];
  /** A `data: [DONE]` line was seen (Chat Completions' terminal marker). */
  done: boolean;
}

export interface AssembledStream {
  response: NormalizedResponse;
  /** The stream reached its terminal event (or an error event, which also ends it). */
  complete: boolean;
}

/**
 * One wire protocol. Adapters receive already-parsed JSON and may assume nothing about its shape; they report
 * oddities by pushing to `notes` rather than throwing.
 */
export interface ProviderAdapter {
  api: Api;
  parseRequest(body: unknown, notes: string[]): NormalizedRequest;
  parseResponse(body: unknown, notes: string[]): NormalizedResponse;
  assembleStream(stream: DecodedStream, notes: string[]): AssembledStream;
  /** Assistant text and thinking carried by one stream event, for live progress. Must be cheap. */
  textDelta(event: unknown): string;
}
