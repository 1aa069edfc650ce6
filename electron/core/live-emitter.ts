// The engine's live events fanned out to its subscribers. A failing subscriber is logged and skipped, so one bad
// listener never stops the others or the capture that emitted the event.

import type { LiveEvent } from '../../shared/live-events';
import type { Logger } from './logger';

export type LiveListener = (event: LiveEvent) => void;

export function createLiveEmitter(logger: Logger, onListening?: (listening: boolean) => void) {
  const listeners = new Set<LiveListener>();
  return {
    subscribe(listener: LiveListener): () => void {
      listeners.add(listener);
      if (listeners.size === 1) onListening?.(true);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) onListening?.(false);
      };
    },
    emit(event: LiveEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          logger.warn(`a live-event listener failed: ${(error as Error).message}`);
        }
      }
    },
  };
}
