// Turns captured bytes into the stored Body form: UTF-8 text where the bytes are valid UTF-8, base64 otherwise. The
// proxy's thread keeps bodies as bytes (`CapturedBody`); this conversion runs where capture is processed, off it.

import type { Body } from '../../../shared/exchange';

/** A body as the proxy saw it (after content decoding), not yet turned into text. */
export interface CapturedBody {
  bytes: Uint8Array;
  decodeNote?: string;
  truncated?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toBody(bytes: Uint8Array, extra: Pick<Body, 'decodeNote' | 'truncated'> = {}): Body {
  let body: Body;
  try {
    body = { encoding: 'utf8', data: utf8.decode(bytes), size: bytes.length };
  } catch {
    body = { encoding: 'base64', data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), size: bytes.length };
  }
  if (extra.decodeNote) body.decodeNote = extra.decodeNote;
  if (extra.truncated) body.truncated = true;
  return body;
}

/** The body as text for parsing; undefined for binary bodies. */
export function bodyText(body: Body | undefined): string | undefined {
  return body?.encoding === 'utf8' ? body.data : undefined;
}

export function capturedToBody(captured: CapturedBody): Body {
  return toBody(captured.bytes, captured);
}
