// One session's interactions as timeline turns (only what is new in each request, plus its answer and cost),
// computed the way the UI's catalog does: each turn against the history its parent turn already had.

import type { TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { HistoryMark } from '../../../shared/turn-delta';
import { buildTurn } from '../api/turn-view';
import type { PriceTable } from '../api/price-table';

/** Yields turns one at a time, keeping only each turn's small history mark. */
export async function* sessionTurns(records: AsyncIterable<InteractionRecord>, prices: PriceTable): AsyncGenerator<{ record: InteractionRecord; turn: TurnView }> {
  const marks = new Map<string, HistoryMark>();
  let last: HistoryMark | undefined;
  for await (const record of records) {
    const parentId = record.placement?.parentId;
    const previous = parentId ? (marks.get(parentId) ?? last) : undefined;
    const { turn, mark } = buildTurn(record, previous, prices);
    marks.set(record.id, mark);
    last = mark;
    yield { record, turn };
  }
}
