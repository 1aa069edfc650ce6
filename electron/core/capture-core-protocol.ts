// The messages between the proxy's thread and the capture core's worker (sent to it in batches: ToCore[]). Exchanges cross as plain data; bodies are
// strings already (the recorder decoded them), and a streamed chunk crosses as its own transferred buffer.

import type { Exchange } from '../../shared/exchange';
import type { LiveEvent } from '../../shared/live-events';
import type { CaptureCoreOptions } from './capture-core';

export type ToCore =
  | { t: 'start'; options: CaptureCoreOptions }
  | { t: 'request-sent'; exchange: Exchange }
  | { t: 'response-started'; exchange: Exchange }
  | { t: 'response-chunk'; id: string; chunk: Uint8Array }
  /** `requestBody` is left out when `request-sent` already carried it. */
  | { t: 'finished'; exchange: Exchange }
  | { t: 'capture-failed'; id: string; message: string }
  | { t: 'proxy-port'; port: number }
  | { t: 'subscribe'; on: boolean }
  | { t: 'stop' };

export type FromCore =
  | { t: 'ready'; uiPort: number }
  | { t: 'start-failed'; error: { name: string; message: string; code?: string } }
  | { t: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string }
  | { t: 'event'; event: LiveEvent }
  | { t: 'stopped' };
