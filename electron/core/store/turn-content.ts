// Reads the parts of an interaction a timeline shows (the request messages from an index on, and the answer's
// outputs) without rebuilding its bodies or parsing the history before that index: a session's turns each repeat
// the whole history, so reading them in full would cost the square of the session's length.

import type { Message } from '../../../shared/normalized';
import { messageText } from '../../../shared/message-fingerprint';
import type { ChunkStore, ReadCache } from './chunk-store';
import type { PackedInteraction } from './packed-record';

export interface TurnContent {
  /** The request messages from `from` on. */
  messages: Message[];
  outputs: Message[];
}

export interface TurnContentRequest {
  id: string;
  /** Index of the first request message wanted. */
  from: number;
  /** How many messages the request has, when known: then only the nodes holding the wanted ones are read. */
  total?: number;
}

/** Where a search hit: the interaction and the text of the message that holds the words. */
export interface TextHit {
  id: string;
  text: string;
}

/** The content of one stored interaction (its history's list, else a parse kept whole). */
export function turnContent(chunks: ChunkStore, cache: ReadCache, stored: PackedInteraction, wanted: Omit<TurnContentRequest, 'id'>): TurnContent {
  const { from, total } = wanted;
  const refs = stored.refs;
  let messages: Message[];
  if (refs.messages !== undefined) {
    const texts = (total !== undefined ? chunks.listTail(refs.messages, cache, Math.max(0, total - from)) : chunks.list(refs.messages, cache)?.slice(from)) ?? [];
    messages = texts.map((text) => JSON.parse(text) as Message);
  } else {
    messages = (stored.parsed.request?.messages ?? []).slice(from);
  }
  let response = stored.parsed.response;
  if (refs.response !== undefined) {
    const text = chunks.chunk(refs.response, cache);
    response = text === undefined ? undefined : (JSON.parse(text) as typeof response);
  }
  return { messages, outputs: response?.outputs ?? [] };
}

/** The first message (new messages, then outputs) whose text holds `needle` (lower-case), or undefined. */
export function findText(content: TurnContent, needle: string): string | undefined {
  for (const message of [...content.messages, ...content.outputs]) {
    const text = messageText(message);
    if (text.toLowerCase().includes(needle)) return text;
  }
  return undefined;
}
