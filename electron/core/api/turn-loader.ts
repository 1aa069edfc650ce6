// Builds whole TurnViews for turns the catalog lists, reading their content where it is: the record of an
// interaction still in flight, else the store (only the new messages and the answer, in one request per batch).

import type { TurnView } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { CaptureStore } from '../store/capture-store';
import type { CatalogTurn, SessionCatalog } from './session-catalog';
import { contentOf, turnView, type TurnContentView } from './turn-view';

export interface TurnSources {
  catalog: SessionCatalog;
  store: Pick<CaptureStore, 'turnContents'>;
  inFlight(): InteractionRecord[];
}

const EMPTY: TurnContentView = { newMessages: [], outputs: [] };

export async function loadTurns(sources: TurnSources, turns: readonly CatalogTurn[]): Promise<TurnView[]> {
  const live = new Map(sources.inFlight().map((record) => [record.id, record]));
  const stored = turns.filter((t) => !live.has(t.meta.id));
  const contents = stored.length > 0 ? await sources.store.turnContents(stored.map((t) => ({ id: t.meta.id, from: t.meta.newFrom, total: t.meta.requestMessageCount }))) : [];
  const fromStore = new Map(stored.map((t, i) => [t.meta.id, contents[i]]));
  return turns.map(({ meta, childSessions }) => {
    const record = live.get(meta.id);
    const found = fromStore.get(meta.id);
    const content: TurnContentView = record
      ? contentOf(record, meta.newFrom)
      : found
        ? { newMessages: found.messages, outputs: found.outputs }
        : EMPTY;
    const streamedText = sources.catalog.streamedText(meta.id);
    return turnView(meta, streamedText !== undefined ? { ...content, streamedText } : content, childSessions);
  });
}
