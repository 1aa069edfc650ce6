// Request and response bodies. HAR keeps bodies decoded (content-encoding undone) as text, or as base64 with
// `encoding: "base64"` when the bytes are not text. Live capture stores decoded bodies too, so both meet in toBody.

import zlib from 'node:zlib';
import type { Body } from '../../../shared/exchange';
import { toBody } from '../capture/body-codec';
import type { HarContent, HarPostData } from './har-types';

export interface BodyResult {
  body?: Body;
  /** The writer left the body out although the message had one (HTTP Toolkit drops bodies over 40 KB). */
  omitted: boolean;
}

const isBase64 = (encoding: unknown) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64';

export function requestBody(postData: HarPostData | undefined, bodySize: unknown): BodyResult {
  if (postData && typeof postData.text === 'string') {
    const bytes = isBase64(postData.encoding) ? Buffer.from(postData.text, 'base64') : Buffer.from(postData.text, 'utf8');
    return { body: toBody(bytes), omitted: false };
  }
  return { omitted: typeof bodySize === 'number' && bodySize > 0 };
}

export function responseBody(content: HarContent | undefined, bodySize: unknown, contentEncoding: string | undefined): BodyResult {
  if (content && typeof content.text === 'string') {
    if (!isBase64(content.encoding)) return { body: toBody(Buffer.from(content.text, 'utf8')), omitted: false };
    return { body: toBody(stillEncoded(Buffer.from(content.text, 'base64'), contentEncoding)), omitted: false };
  }
  const size = typeof content?.size === 'number' ? content.size : bodySize;
  return { omitted: typeof size === 'number' && size > 0 };
}

/** A few writers store the bytes as received, still compressed; undo that so the body reads as live capture's. */
function stillEncoded(bytes: Buffer, contentEncoding: string | undefined): Buffer {
  const encoding = contentEncoding?.trim().toLowerCase();
  try {
    if ((encoding === 'gzip' || encoding === 'x-gzip') && bytes[0] === 0x1f && bytes[1] === 0x8b) return zlib.gunzipSync(bytes);
    if (encoding === 'br') return zlib.brotliDecompressSync(bytes);
    if (encoding === 'deflate') return zlib.inflateSync(bytes);
  } catch {
    // Not compressed after all: the writer decoded it, as HAR asks.
  }
  return bytes;
}
