// Reassembles stored records (packed-record.ts) into the records that were put: bodies from their skeleton and
// chunks, the parse from its lists. A missing chunk (only possible when a database was lost and its journal
// replayed alone) never fails a read: the body comes back empty with a note, the parse with a note.

import type { Body, Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Message, ParsedExchange, ToolSpec } from '../../../shared/normalized';
import type { ChunkStore, ReadCache } from './chunk-store';
import { joinJsonBody, listText } from './json-split';
import type { HoleRef, PackedBody, PackedExchange, PackedInteraction } from './packed-record';

const MISSING = 'the stored body is incomplete: part of it was in a database file that was lost';

function unpackBody(store: ChunkStore, cache: ReadCache, packed: PackedBody): Body {
  const { layout, ...meta } = packed;
  const data = 'chunk' in layout ? store.chunk(layout.chunk, cache) : joinHoles(store, cache, layout.skeleton, layout.holes);
  if (data === undefined) return { ...meta, data: '', decodeNote: MISSING };
  return { ...meta, data };
}

function joinHoles(store: ChunkStore, cache: ReadCache, skeleton: string, holes: readonly HoleRef[]): string | undefined {
  const values: { at: number; text: string }[] = [];
  for (const hole of holes) {
    if (hole.length === 2) {
      const text = store.chunk(hole[1], cache);
      if (text === undefined) return undefined;
      values.push({ at: hole[0], text });
    } else {
      const [at, open, sep, close, root] = hole;
      const items = store.list(root, cache);
      if (items === undefined) return undefined;
      values.push({ at, text: listText({ open, sep, close }, items) });
    }
  }
  return joinJsonBody(skeleton, values);
}

/** `outline`: without the bodies and stream events, which are most of the cost of a read and which neither
 * placement nor the session list needs. */
export interface UnpackOptions {
  outline?: boolean;
}

export function unpackExchange(store: ChunkStore, cache: ReadCache, packed: PackedExchange, options: UnpackOptions = {}): Exchange {
  const { requestBody, responseBody, ...rest } = packed;
  const exchange: Exchange = { ...rest };
  if (options.outline) return exchange;
  if (requestBody) exchange.requestBody = unpackBody(store, cache, requestBody);
  if (responseBody) exchange.responseBody = unpackBody(store, cache, responseBody);
  return exchange;
}

export function unpackInteraction(
  store: ChunkStore,
  cache: ReadCache,
  packed: PackedInteraction,
  exchange: Exchange,
  options: UnpackOptions = {},
): InteractionRecord {
  const { refs, parsed: storedParsed, ...rest } = packed;
  const parsed: ParsedExchange = { ...storedParsed };
  const lost: string[] = [];
  if (parsed.request) {
    const request = { ...parsed.request };
    if (refs.messages !== undefined) {
      const messages = parseList<Message>(store, cache, refs.messages);
      if (!messages) lost.push('messages');
      request.messages = messages ?? [];
    }
    if (refs.tools !== undefined) {
      const tools = parseList<ToolSpec>(store, cache, refs.tools);
      if (tools) request.tools = tools;
      else lost.push('tools');
    }
    parsed.request = request;
  }
  if (refs.response !== undefined) {
    const text = store.chunk(refs.response, cache);
    if (text !== undefined) parsed.response = JSON.parse(text) as ParsedExchange['response'];
    else lost.push('response');
  }
  if (refs.streamEvents !== undefined && !options.outline) {
    const text = store.chunk(refs.streamEvents, cache);
    if (text !== undefined) parsed.streamEvents = JSON.parse(text) as unknown[];
    else lost.push('stream events');
  }
  if (lost.length > 0) parsed.notes = [...parsed.notes, `stored parse incomplete (${lost.join(', ')} lost with a database file)`];
  return { ...rest, exchange, parsed };
}

function parseList<T>(store: ChunkStore, cache: ReadCache, root: string): T[] | undefined {
  return store.list(root, cache)?.map((text) => JSON.parse(text) as T);
}
