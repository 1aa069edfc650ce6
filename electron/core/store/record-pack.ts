// Turns records into their stored shape (packed-record.ts): request bodies split into a skeleton plus chunks, the
// normalized history and tool list into lists of chunks, unique bulky parts (response, stream events) into single
// chunks. Runs on the writer's main thread so the journal line is already small, and in the database when it
// replays a journal written before packing existed.

import type { Body, Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { ParsedExchange } from '../../../shared/normalized';
import { buildList, contentHash, type ChunkHash } from './chunk-list';
import { splitJsonBody } from './json-split';
import { nodeTuple, type HoleRef, type NewContent, type PackedBody, type PackedExchange, type PackedInteraction, type ParsedRefs } from './packed-record';

/** Values shorter than this stay inline: below it a chunk row costs more than it saves. */
export const MIN_CHUNK = 512;

export interface Packed<T> {
  value: T;
  content: NewContent;
  /** Hashes of the chunks and nodes in `content`, for the caller to remember once the line is safely queued. */
  newKeys: ChunkHash[];
}

export type PackedInteractionEntry = PackedInteraction & { exchange: PackedExchange };

/** Collects what one record needs that `isKnown` does not already hold. */
class Collector {
  readonly content: NewContent = { c: [], n: [] };
  readonly newKeys: ChunkHash[] = [];
  private readonly local = new Set<ChunkHash>();

  constructor(private readonly isKnown: (hash: ChunkHash) => boolean) {}

  known = (hash: ChunkHash): boolean => this.local.has(hash) || this.isKnown(hash);

  chunk(text: string, hash = contentHash(text)): ChunkHash {
    if (!this.known(hash)) {
      this.local.add(hash);
      this.newKeys.push(hash);
      this.content.c.push([hash, text]);
    }
    return hash;
  }

  list(items: readonly string[]): ChunkHash {
    const built = buildList(items, this.known);
    for (const [hash, text] of built.chunks) this.chunk(text, hash);
    for (const node of built.nodes) {
      if (this.known(node.hash)) continue;
      this.local.add(node.hash);
      this.newKeys.push(node.hash);
      this.content.n.push(nodeTuple(node));
    }
    return built.root;
  }
}

export function packExchange(exchange: Exchange, isKnown: (hash: ChunkHash) => boolean): Packed<PackedExchange> {
  const collector = new Collector(isKnown);
  const value = packExchangeWith(collector, exchange);
  return { value, content: collector.content, newKeys: collector.newKeys };
}

export function packInteraction(record: InteractionRecord, isKnown: (hash: ChunkHash) => boolean): Packed<PackedInteractionEntry> {
  const collector = new Collector(isKnown);
  const { exchange, parsed, ...rest } = record;
  const packedExchange = packExchangeWith(collector, exchange);
  const { parsed: storedParsed, refs } = packParsed(collector, parsed);
  const value: PackedInteractionEntry = { ...rest, exchange: packedExchange, parsed: storedParsed, refs };
  return { value, content: collector.content, newKeys: collector.newKeys };
}

function packExchangeWith(collector: Collector, exchange: Exchange): PackedExchange {
  const { requestBody, responseBody, ...rest } = exchange;
  const packed: PackedExchange = { ...rest };
  // Only requests repeat their content turn after turn; a response is unique, so it stays one (compressible) chunk.
  if (requestBody) packed.requestBody = packBody(collector, requestBody, true);
  if (responseBody) packed.responseBody = packBody(collector, responseBody, false);
  return packed;
}

function packBody(collector: Collector, body: Body, split: boolean): PackedBody {
  const { data, ...meta } = body;
  if (data.length < MIN_CHUNK) return { ...meta, layout: { skeleton: data, holes: [] } };
  const parts = split && body.encoding === 'utf8' ? splitJsonBody(data, { minHole: MIN_CHUNK }) : undefined;
  if (!parts || parts.holes.length === 0) return { ...meta, layout: { chunk: collector.chunk(data) } };
  const holes: HoleRef[] = parts.holes.map((hole) =>
    hole.kind === 'blob'
      ? [hole.at, collector.chunk(hole.text)]
      : [hole.at, hole.open, hole.sep, hole.close, collector.list(hole.items)],
  );
  return { ...meta, layout: { skeleton: parts.skeleton, holes } };
}

function packParsed(collector: Collector, parsed: ParsedExchange): { parsed: ParsedExchange; refs: ParsedRefs } {
  const refs: ParsedRefs = {};
  const stored: ParsedExchange = { ...parsed };
  if (parsed.request) {
    // The normalized history repeats like the raw one: one chunk per message, shared by every later turn.
    const request = { ...parsed.request, messages: [] };
    refs.messages = collector.list(parsed.request.messages.map((m) => JSON.stringify(m)));
    if (parsed.request.tools && parsed.request.tools.length > 0) {
      refs.tools = collector.list(parsed.request.tools.map((t) => JSON.stringify(t)));
      delete request.tools;
    }
    stored.request = request;
  }
  if (parsed.response) {
    const text = JSON.stringify(parsed.response);
    if (text.length >= MIN_CHUNK) {
      refs.response = collector.chunk(text);
      delete stored.response;
    }
  }
  if (parsed.streamEvents) {
    refs.streamEvents = collector.chunk(JSON.stringify(parsed.streamEvents));
    delete stored.streamEvents;
  }
  return { parsed: stored, refs };
}
