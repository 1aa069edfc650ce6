// Turns the engine's live events into the UI's numbered live messages, updating the session catalog first, so a
// snapshot taken at any moment reflects exactly the events numbered up to the seq it reports. A revised placement
// needs the turn's content, which the catalog does not keep: the feed reads it first, and events that arrive
// meanwhile wait their turn, so numbering and order stay those of the engine.

import type { LiveEvent } from '../../../shared/live-events';
import { assertNever } from '../../../shared/live-events';
import type { UiLiveEvent } from '../../../shared/ui-live';
import type { Logger } from '../logger';
import type { SessionCatalog } from './session-catalog';
import { loadTurns, type TurnSources } from './turn-loader';
import { turnView, type TurnContentView, type TurnMeta } from './turn-view';

export interface LiveFeed {
  /** Number of the last event published. */
  seq(): number;
  handle(event: LiveEvent): void;
  subscribe(listener: (seq: number, event: UiLiveEvent) => void): () => void;
  /** Resolves once every event handled so far is applied (some read turn content from the store). */
  settled(): Promise<void>;
}

/** Where a revised turn's content is read. */
export type ContentSources = Omit<TurnSources, 'catalog'>;

export function createLiveFeed(catalog: SessionCatalog, logger: Logger, sources: ContentSources): LiveFeed {
  let seq = 0;
  let tail: Promise<void> | undefined;
  const listeners = new Set<(seq: number, event: UiLiveEvent) => void>();
  const publish = (event: UiLiveEvent) => {
    seq++;
    for (const listener of listeners) {
      try {
        listener(seq, event);
      } catch (error) {
        logger.warn(`a live-feed subscriber failed: ${(error as Error).message}`);
      }
    }
  };
  const sessionsUpdated = (touched: string[]) => {
    const roots = new Set(touched.filter((id) => catalog.hasSession(id)).map((id) => catalog.rootOf(id)));
    for (const rootId of roots) publish({ type: 'session-updated', session: catalog.row(rootId), rootId });
  };

  async function contentOf(meta: TurnMeta): Promise<TurnContentView> {
    const [view] = await loadTurns({ catalog, ...sources }, [{ meta, childSessions: [] }]);
    return { newMessages: view.newMessages, outputs: view.outputs, ...(view.streamedText !== undefined ? { streamedText: view.streamedText } : {}) };
  }

  function translate(event: LiveEvent): Promise<void> | undefined {
    switch (event.type) {
      case 'interaction-started': {
        const { turn, touched } = catalog.ingest(event.interaction, '');
        publish({ type: 'interaction-started', turn });
        sessionsUpdated(touched);
        return;
      }
      case 'interaction-progress': {
        const turn = catalog.progress(event.id, event.textDelta);
        if (turn) publish({ type: 'interaction-progress', id: event.id, sessionId: turn.sessionId, textDelta: event.textDelta, bytes: event.bytes });
        return;
      }
      case 'interaction-completed': {
        const { turn, touched } = catalog.ingest(event.interaction);
        publish({ type: 'interaction-completed', turn });
        sessionsUpdated(touched);
        return;
      }
      case 'placement-revised': {
        const meta = catalog.turn(event.id);
        if (!meta) return;
        return contentOf(meta).then((content) => {
          const revised = catalog.revise(event.id, event.placement);
          if (!revised) return;
          publish({ type: 'placement-revised', id: event.id, placement: event.placement, turn: turnView(revised.meta, content) });
          sessionsUpdated(revised.touched);
        });
      }
      case 'capture-warning':
        publish({ type: 'capture-warning', message: event.message });
        return;
      default:
        assertNever(event);
    }
  }

  return {
    seq: () => seq,
    handle(event) {
      // One malformed event must not stop the feed (the catalog may throw on a record it cannot read).
      const warn = (error: unknown) => logger.warn(`a live event could not be applied: ${(error as Error).message}`);
      const apply = () => {
        try {
          return translate(event)?.catch(warn);
        } catch (error) {
          warn(error);
          return undefined;
        }
      };
      const pending = tail ? tail.then(apply) : apply();
      if (!pending) return;
      const next = pending.then(() => {
        if (tail === next) tail = undefined;
      });
      tail = next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: async () => {
      while (tail) await tail;
    },
  };
}
