// One captured HTTP exchange, as the store keeps it and the API serves it. Bodies are text when they decode as
// UTF-8, base64 otherwise; credentials in headers and URLs are already replaced by fingerprints.

export type ExchangeState = 'pending' | 'streaming' | 'complete' | 'aborted' | 'error';

export interface Body {
  encoding: 'utf8' | 'base64';
  data: string;
  /** Size in bytes after content decoding. */
  size: number;
  /** Set when a content-encoding could not be decoded and the bytes are kept as received. */
  decodeNote?: string;
  /** Set when the body was larger than the capture limit and only its beginning is kept. */
  truncated?: boolean;
}

export interface ExchangeError {
  code: string;
  message: string;
}

export interface Exchange {
  id: string;
  /** How it reached us: through the proxy (CONNECT or absolute-form) or a base-URL route on the proxy port. */
  via: 'proxy' | 'base-url';
  method: string;
  /** The upstream URL as the client meant it (credentials in the query replaced). */
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: Body;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: Body;
  state: ExchangeState;
  error?: ExchangeError;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Response status line and headers arrived. */
  headersAt?: number;
  /** First response body byte arrived (time to first token, for streams). */
  firstByteAt?: number;
  endedAt?: number;
  /** Peer address of the client, for telling agents apart. */
  clientAddress?: string;
}
