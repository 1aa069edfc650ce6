// An interaction as the timeline shows it: its metadata (TurnMeta, what the session catalog keeps for every
// interaction), and its content (the messages new in its request, its answer), which is read when asked for.

import { createHash } from 'node:crypto';
import type { CostView, TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import { messageFingerprint } from '../../../shared/message-fingerprint';
import type { Message } from '../../../shared/normalized';
import { historyMark, newMessagesFrom, type HistoryMark, type MessageKey } from '../../../shared/turn-delta';
import type { PriceTable } from './price-table';

/** Everything a TurnView holds but its content; small, so the catalog can keep one per interaction. */
export type TurnMeta = Omit<TurnView, 'newMessages' | 'outputs' | 'streamedText' | 'childSessions'>;

export interface TurnContentView {
  newMessages: Message[];
  outputs: Message[];
  streamedText?: string;
}

/** The first product token of the user agent ("claude-cli/2.0.14", "OpenAI/Python 1.99.0"), for the client column. */
export function clientName(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const trimmed = userAgent.trim();
  const sdk = /^(OpenAI|Anthropic)\/(\S+)\s+([\d.]+)/i.exec(trimmed);
  if (sdk) return `${sdk[1]}/${sdk[2]} ${sdk[3]}`;
  return trimmed.split(/\s+/)[0]?.slice(0, 60);
}

/**
 * A fingerprint is a message's whole text; a mark kept per interaction holds 96 bits of its digest instead (asked
 * for at that length: a slice of a longer digest would keep the longer string alive).
 */
export const digestKey: MessageKey = (message) => createHash('shake256', { outputLength: 12 }).update(messageFingerprint(message)).digest('base64url');

export interface BuiltMeta {
  meta: TurnMeta;
  mark: HistoryMark;
}

export function buildTurnMeta(record: InteractionRecord, previous: HistoryMark | undefined, prices: PriceTable, key?: MessageKey): BuiltMeta {
  const { exchange, parsed } = record;
  const placement = record.placement;
  const request = parsed.request?.messages ?? [];
  const outputs = parsed.response?.outputs ?? [];
  const kind = placement?.kind ?? 'standalone';
  const isFirst = !placement?.parentId;
  // A retry repeats its parent's request exactly: nothing is new in it.
  const newFrom = kind === 'retry' ? request.length : newMessagesFrom(request, previous, isFirst, key);
  const model = parsed.response?.model ?? parsed.model;
  const usage = parsed.response?.usage ?? {};
  const cost: CostView | null = prices.costOf({ api: parsed.api, provider: parsed.provider, url: exchange.url, model, usage, at: exchange.startedAt });
  const meta: TurnMeta = {
    id: record.id,
    sessionId: placement?.sessionId ?? record.id,
    parentId: placement?.parentId ?? null,
    kind,
    ...(placement?.link ? { link: placement.link } : {}),
    method: exchange.method,
    url: exchange.url,
    state: exchange.state,
    status: exchange.status,
    error: exchange.error,
    startedAt: exchange.startedAt,
    headersAt: exchange.headersAt,
    firstByteAt: exchange.firstByteAt,
    endedAt: exchange.endedAt,
    provider: parsed.provider,
    api: parsed.api,
    endpoint: parsed.endpoint,
    model,
    client: clientName(exchange.requestHeaders['user-agent']),
    newFrom,
    requestMessageCount: request.length,
    toolCount: parsed.request?.tools?.length ?? 0,
    usage,
    cost,
    stopReason: parsed.response?.stopReason,
    rawStopReason: parsed.response?.rawStopReason,
    responseError: parsed.response?.error,
    notes: parsed.notes,
  };
  return { meta, mark: historyMark(request, outputs, key) };
}

/** A record's content as its turn shows it, given where its new messages begin. */
export function contentOf(record: InteractionRecord, newFrom: number): TurnContentView {
  return { newMessages: (record.parsed.request?.messages ?? []).slice(newFrom), outputs: record.parsed.response?.outputs ?? [] };
}

export function turnView(meta: TurnMeta, content: TurnContentView, childSessions: TurnView['childSessions'] = []): TurnView {
  const { streamedText, ...rest } = content;
  return { ...meta, ...rest, ...(streamedText !== undefined ? { streamedText } : {}), childSessions };
}

/** A whole TurnView from a record in hand (exports, live events). */
export function buildTurn(record: InteractionRecord, previous: HistoryMark | undefined, prices: PriceTable, streamedText?: string): { turn: TurnView; mark: HistoryMark } {
  const { meta, mark } = buildTurnMeta(record, previous, prices);
  const content = contentOf(record, meta.newFrom);
  return { turn: turnView(meta, streamedText !== undefined ? { ...content, streamedText } : content), mark };
}
