// Turns the engine's live events into the UI's numbered live messages, updating the session catalog first, so a
// snapshot taken at any moment reflects exactly the events numbered up to the seq it reports.

import type { LiveEvent } from '../../../shared/live-events';
import { assertNever } from '../../../shared/live-events';
import type { UiLiveEvent } from '../../../shared/ui-live';
import type { Logger } from '../logger';
import type { SessionCatalog } from './session-catalog';

export interface LiveFeed {
  /** Number of the last event published. */
  seq(): number;
  handle(event: LiveEvent): void;
  subscribe(listener: (seq: number, event: UiLiveEvent) => void): () => void;
}

export function createLiveFeed(catalog: SessionCatalog, logger: Logger): LiveFeed {
  let seq = 0;
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

  function translate(event: LiveEvent): void {
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
        const revised = catalog.revise(event.id, event.placement);
        if (!revised) return;
        publish({ type: 'placement-revised', id: event.id, placement: event.placement, turn: revised.turn });
        sessionsUpdated(revised.touched);
        return;
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
      try {
        translate(event);
      } catch (error) {
        logger.warn(`a live event could not be applied: ${(error as Error).message}`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
