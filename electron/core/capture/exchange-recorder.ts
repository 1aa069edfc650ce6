// Follows one HTTP exchange through the proxy and turns it into a captured exchange: an Exchange whose bodies are
// still bytes. Every method is called from a proxy hook; none may throw into the proxy, so each guards itself and
// marks the exchange instead.

import type { Exchange, ExchangeError } from '../../../shared/exchange';
import type { CapturedBody } from './body-codec';
import { createBodyCollector, type BodyCollector } from './body-collector';
import { timeOrderedId } from './time-ordered-id';

/** An exchange as the proxy's thread records it: bodies as bytes, turned into text (`toStoredExchange`) off it. */
export type CapturedExchange = Omit<Exchange, 'requestBody' | 'responseBody'> & { requestBody?: CapturedBody; responseBody?: CapturedBody };
import { redactHeaders, redactUrl } from './redact-credentials';

export interface ExchangeStart {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  via: Exchange['via'];
  clientAddress?: string;
}

export interface CaptureListener {
  /** The request has been received in full and forwarded. */
  requestSent(exchange: CapturedExchange): void;
  /** Response headers arrived; `decodedChunk` callbacks follow as the body streams. */
  responseStarted(exchange: CapturedExchange): void;
  responseChunk(exchangeId: string, decodedChunk: Buffer): void;
  /** Final state: complete, aborted or error. Called exactly once. */
  finished(exchange: CapturedExchange): void;
  /** A capture stage failed; the traffic itself was not affected. */
  captureFailed(error: unknown, exchangeId: string): void;
}

export class ExchangeRecorder {
  readonly exchange: CapturedExchange;
  private readonly requestBody: BodyCollector;
  private responseBody?: BodyCollector;
  private requestDone?: Promise<void>;
  private ended = false;

  constructor(
    start: ExchangeStart,
    private readonly listener: CaptureListener,
    private readonly now: () => number = Date.now,
  ) {
    const startedAt = this.now();
    this.exchange = {
      id: timeOrderedId(startedAt),
      via: start.via,
      method: start.method,
      url: redactUrl(start.url),
      requestHeaders: redactHeaders(start.headers),
      state: 'pending',
      startedAt,
      clientAddress: start.clientAddress,
    };
    this.requestBody = createBodyCollector(this.exchange.requestHeaders['content-encoding']);
  }

  requestChunk(chunk: Buffer): void {
    this.guard(() => this.requestBody.write(chunk));
  }

  requestEnd(): void {
    this.requestDone = this.guardAsync(async () => {
      this.exchange.requestBody = await this.requestBody.finish();
      if (!this.ended) this.listener.requestSent(this.exchange);
    });
  }

  responseStart(status: number, headers: Record<string, string | string[] | undefined>): void {
    this.guard(() => {
      this.exchange.status = status;
      this.exchange.responseHeaders = redactHeaders(headers);
      this.exchange.headersAt = this.now();
      this.exchange.state = 'streaming';
      this.responseBody = createBodyCollector(this.exchange.responseHeaders['content-encoding'], (decoded) =>
        this.guard(() => this.listener.responseChunk(this.exchange.id, decoded)),
      );
      this.listener.responseStarted(this.exchange);
    });
  }

  responseChunk(chunk: Buffer): void {
    this.guard(() => {
      this.exchange.firstByteAt ??= this.now();
      this.responseBody?.write(chunk);
    });
  }

  responseEnd(): void {
    this.finish('complete');
  }

  /** The client went away before the response was complete. */
  clientAborted(): void {
    this.finish('aborted', { code: 'client-aborted', message: 'The client closed the connection before the response was complete' });
  }

  failed(error: ExchangeError): void {
    this.finish('error', error);
  }

  private finish(state: Exchange['state'], error?: ExchangeError): void {
    if (this.ended) return;
    this.ended = true;
    const endedAt = this.now();
    void this.guardAsync(async () => {
      await this.requestDone;
      if (!this.exchange.requestBody) this.exchange.requestBody = await this.requestBody.finish();
      if (this.responseBody) this.exchange.responseBody = await this.responseBody.finish();
      this.exchange.state = state;
      this.exchange.endedAt = endedAt;
      if (error) this.exchange.error = error;
      this.listener.finished(this.exchange);
    });
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.listener.captureFailed(error, this.exchange.id);
    }
  }

  private async guardAsync(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.listener.captureFailed(error, this.exchange.id);
    }
  }
}
