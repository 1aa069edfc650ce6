// Decides which proxied requests are worth capturing and opens a recorder for each: decrypted or base-URL traffic
// always, plain-HTTP traffic only when it looks like an LLM API. Runs on the proxy's thread, so it stays cheap.

import type { ExchangeTap, ProxyRequestInfo } from '../proxy/mitm-server';
import { detectEndpoint } from '../providers';
import { ExchangeRecorder, type CaptureListener } from './exchange-recorder';
import { redactHeaders } from './redact-credentials';

export function createTapOpener(listener: CaptureListener): (info: ProxyRequestInfo) => ExchangeTap | null {
  return (info) => {
    if (!info.intercepted && !detectEndpoint(info.method, info.url, redactHeaders(info.headers))) return null;
    return new ExchangeRecorder(
      { method: info.method, url: info.url, headers: info.headers, via: info.via, clientAddress: info.clientAddress },
      listener,
    );
  };
}
