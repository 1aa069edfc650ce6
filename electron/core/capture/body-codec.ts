// Turns captured bytes into the stored Body form: UTF-8 text where the bytes are valid UTF-8, base64 otherwise.

import type { Body } from '../../../shared/exchange';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toBody(bytes: Buffer, extra: Pick<Body, 'decodeNote' | 'truncated'> = {}): Body {
  let body: Body;
  try {
    body = { encoding: 'utf8', data: utf8.decode(bytes), size: bytes.length };
  } catch {
    body = { encoding: 'base64', data: bytes.toString('base64'), size: bytes.length };
  }
  if (extra.decodeNote) body.decodeNote = extra.decodeNote;
  if (extra.truncated) body.truncated = true;
  return body;
}

/** The body as text for parsing; undefined for binary bodies. */
export function bodyText(body: Body | undefined): string | undefined {
  return body?.encoding === 'utf8' ? body.data : undefined;
}
