// The messages between the proxy's thread and the capture core's worker (sent to it in batches: ToCore[]). Exchanges
// cross as plain data with their bodies as bytes (turned into text in the worker), and a streamed chunk crosses as
// its own transferred buffer.

import type { CapturedExchange } from './capture/exchange-recorder';
import type { LiveEvent } from '../../shared/live-events';
import type { CaptureCoreOptions } from './capture-core';
import type { HoldLimits } from './capture/burst-hold';

/** An exchange's fields that changed since the worker last heard of it; the whole exchange if it never did. */
export type ExchangeUpdate = Partial<CapturedExchange> & Pick<CapturedExchange, 'id'>;

export type ToCore =
  /** `hold`: how much the worker may hold during a burst of traffic (burst-hold.ts). `backlog`: one Int32, the
   * finished exchanges not yet reported stored, kept current by the proxy's thread. */
  | { t: 'start'; options: CaptureCoreOptions; hold: HoldLimits; backlog: SharedArrayBuffer }
  | { t: 'request-sent'; exchange: CapturedExchange }
  | { t: 'response-started'; exchange: ExchangeUpdate }
  | { t: 'response-chunk'; id: string; chunk: Uint8Array }
  /** `seq` numbers it in the intake journal; `recovered` ones were left there by an earlier run. */
  | { t: 'finished'; exchange: ExchangeUpdate; seq?: number; recovered?: boolean }
  | { t: 'capture-failed'; id: string; message: string }
  | { t: 'proxy-url'; url: string }
  | { t: 'subscribe'; on: boolean }
  | { t: 'stop' };

export type FromCore =
  | { t: 'ready'; uiPort: number }
  | { t: 'start-failed'; error: { name: string; message: string; code?: string } }
  | { t: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string }
  | { t: 'event'; event: LiveEvent }
  /** Every finished exchange up to intake number `seq` is in the store, on disk. */
  | { t: 'stored'; seq: number }
  /** `flushed`: the store closed with everything on disk. */
  | { t: 'stopped'; flushed: boolean };
