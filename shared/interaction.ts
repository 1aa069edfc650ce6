// An interaction is one exchange as the product sees it: the captured HTTP exchange, what the provider adapter
// made of it, and where reconstruction placed it.

import type { Exchange } from './exchange';
import type { ParsedExchange } from './normalized';
import type { Placement } from './session';

export interface InteractionRecord {
  /** Same id as its exchange. */
  id: string;
  exchange: Exchange;
  parsed: ParsedExchange;
  /** Absent until reconstruction has placed it. */
  placement?: Placement;
}
