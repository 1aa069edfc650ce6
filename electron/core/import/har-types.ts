// HAR 1.2 as the tools that write it actually do: every field is optional and loosely typed, because Chrome,
// Firefox, mitmproxy, HTTP Toolkit and Charles each leave out or bend different parts of the spec. Readers check
// each field before use; nothing here is trusted.

export interface HarNameValue {
  name?: unknown;
  value?: unknown;
}

export interface HarPostData {
  mimeType?: unknown;
  text?: unknown;
  /** Not in HAR 1.2, but some writers mark binary request bodies like response content. */
  encoding?: unknown;
  params?: unknown;
}

export interface HarContent {
  size?: unknown;
  compression?: unknown;
  mimeType?: unknown;
  text?: unknown;
  /** `"base64"` when `text` holds base64 of the (decoded) body bytes. */
  encoding?: unknown;
}

export interface HarTimings {
  blocked?: unknown;
  dns?: unknown;
  connect?: unknown;
  send?: unknown;
  wait?: unknown;
  receive?: unknown;
  ssl?: unknown;
}

export interface HarRequest {
  method?: unknown;
  url?: unknown;
  headers?: unknown;
  postData?: HarPostData;
  bodySize?: unknown;
}

export interface HarResponse {
  status?: unknown;
  headers?: unknown;
  content?: HarContent;
  bodySize?: unknown;
  /** Chrome and mitmproxy put the network error of a failed request here (with status 0). */
  _error?: unknown;
}

export interface HarEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: HarRequest;
  response?: HarResponse;
  timings?: HarTimings;
  /** Chrome writes some errors on the entry itself. */
  _error?: unknown;
  /** Written by Threadtap's own HAR export: the interaction id, so a round trip keeps identities. */
  _threadtapId?: unknown;
  /** Written by Threadtap's own HAR export: the peer address that told agents apart. */
  _clientAddress?: unknown;
}

export interface HarCreator {
  name?: unknown;
  version?: unknown;
}
