// An interaction as the timeline shows it: metadata, the messages new in its request, and its answer.

import type { CostView, TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import { historyMark, newMessagesFrom, type HistoryMark } from '../../../shared/turn-delta';
import type { PriceTable } from './price-table';

/** The first product token of the user agent ("claude-cli/2.0.14", "OpenAI/Python 1.99.0"), for the client column. */
export function clientName(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const trimmed = userAgent.trim();
  const sdk = /^(OpenAI|Anthropic)\/(\S+)\s+([\d.]+)/i.exec(trimmed);
  if (sdk) return `${sdk[1]}/${sdk[2]} ${sdk[3]}`;
  return trimmed.split(/\s+/)[0]?.slice(0, 60);
}

export interface BuiltTurn {
  turn: TurnView;
  mark: HistoryMark;
}

export function buildTurn(record: InteractionRecord, previous: HistoryMark | undefined, prices: PriceTable, streamedText?: string): BuiltTurn {
  const { exchange, parsed } = record;
  const placement = record.placement;
  const request = parsed.request?.messages ?? [];
  const outputs = parsed.response?.outputs ?? [];
  const kind = placement?.kind ?? 'standalone';
  const isFirst = !placement?.parentId;
  // A retry repeats its parent's request exactly: nothing is new in it.
  const newFrom = kind === 'retry' ? request.length : newMessagesFrom(request, previous, isFirst);
  const model = parsed.response?.model ?? parsed.model;
  const usage = parsed.response?.usage ?? {};
  const cost: CostView | null = prices.costOf({ api: parsed.api, provider: parsed.provider, url: exchange.url, model, usage, at: exchange.startedAt });
  const turn: TurnView = {
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
    newMessages: request.slice(newFrom),
    newFrom,
    requestMessageCount: request.length,
    toolCount: parsed.request?.tools?.length ?? 0,
    outputs,
    ...(streamedText !== undefined ? { streamedText } : {}),
    usage,
    cost,
    stopReason: parsed.response?.stopReason,
    rawStopReason: parsed.response?.rawStopReason,
    responseError: parsed.response?.error,
    notes: parsed.notes,
    childSessions: [],
  };
  return { turn, mark: historyMark(request, outputs) };
}
