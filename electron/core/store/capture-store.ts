// The store's contract with the rest of the core. Writes are fire-and-forget so the proxy path never waits on
// persistence; reads are async. Implementations live in this folder and are the only code that touches sql.js.

import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { TextHit, TurnContent, TurnContentRequest } from './turn-content';
import type { Placement } from '../../../shared/session';

export interface StoreHealth {
  /** False while writes cannot reach the disk (disk full, read-only data dir): capture is paused, traffic flows. */
  writable: boolean;
  warning?: string;
  /** Set when an unreadable database file was found at open and moved aside. */
  recoveredFrom?: string;
}

export interface ListOptions {
  /** Keep only the newest `limit` interactions (the result is still in ascending start order). */
  limit?: number;
  /** Interactions that started at or after this epoch-ms time. */
  since?: number;
}

/**
 * What selecting sessions needs of an interaction, without its bodies or parse: a listing of these stays small for
 * a store of any size, and each record is then read on its own (`getInteraction`).
 */
export interface InteractionRef {
  id: string;
  /** The placement's session; null until reconstruction placed it (it is then a session of its own). */
  sessionId: string | null;
  startedAt: number;
  link?: Placement['link'];
}

export interface CaptureStore {
  /** Insert or replace an exchange's current state (start, then again on completion). Durable once journaled. */
  putExchange(exchange: Exchange): void;
  /** Insert or replace an interaction (the exchange plus its parse and placement). */
  putInteraction(record: InteractionRecord): void;
  getInteraction(id: string): Promise<InteractionRecord | undefined>;
  /** Ordered by the exchange's startedAt ascending, then id. */
  listInteractions(options?: ListOptions): Promise<InteractionRecord[]>;
  /** Every interaction in listInteractions' order, handed over a page at a time and awaited, so only one page is
   * held at once; without the exchange's bodies and the stream events (what start-up needs, at a fraction of the
   * cost of full records). */
  forEachInteractionOutlinePage(visit: (page: InteractionRecord[]) => void | Promise<void>): Promise<void>;
  /** The same order and options as listInteractions, as refs only. */
  listInteractionRefs(options?: ListOptions): Promise<InteractionRef[]>;
  /** What a timeline shows of each interaction, without its bodies or the history before `from`. */
  turnContents(items: TurnContentRequest[]): Promise<(TurnContent | undefined)[]>;
  /** Per group of turns (in order), the first whose new messages or outputs hold `text`, any case. */
  searchTurns(groups: TurnContentRequest[][], text: string): Promise<(TextHit | null)[]>;
  health(): StoreHealth;
  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
