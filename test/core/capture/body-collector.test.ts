import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { createBodyCollector } from '../../../electron/core/capture/body-collector';
import { capturedToBody } from '../../../electron/core/capture/body-codec';

const text = JSON.stringify({ hello: 'world', list: Array.from({ length: 200 }, (_, i) => i) });

function feed(encoding: string | undefined, bytes: Buffer, pieces = 7) {
  const decoded: Buffer[] = [];
  const collector = createBodyCollector(encoding, (c) => decoded.push(c));
  const step = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += step) collector.write(bytes.subarray(i, i + step));
  return { collector, decoded };
}

describe('body collection with content decoding', () => {
  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes %s chunk by chunk', async (encoding, compress) => {
    const { collector, decoded } = feed(encoding, compress(Buffer.from(text)));
    const body = capturedToBody(await collector.finish());
    expect(body).toMatchObject({ encoding: 'utf8', data: text, size: text.length });
    expect(Buffer.concat(decoded).toString()).toBe(text);
  });

  it('keeps an invalid gzip body raw with the reason', async () => {
    const garbage = Buffer.from('this is not gzip at all');
    const { collector } = feed('gzip', garbage);
    const body = capturedToBody(await collector.finish());
    expect(body.data).toBe(garbage.toString());
    expect(body.decodeNote).toMatch(/could not decode gzip/);
  });

  it('keeps an unsupported encoding raw with the reason', async () => {
    const { collector } = feed('compress', Buffer.from('abc'));
    expect((capturedToBody(await collector.finish())).decodeNote).toMatch(/unknown content-encoding "compress"/);
  });

  it('keeps what arrived of a truncated gzip stream', async () => {
    const gz = zlib.gzipSync(Buffer.from(text));
    const { collector } = feed('gzip', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const body = capturedToBody(await collector.finish());
    expect(body.decodeNote).toBeUndefined();
    expect(text.startsWith(body.data)).toBe(true);
    expect(body.data.length).toBeGreaterThan(0);
  });

  it('stores binary bodies as base64 and cuts bodies over the limit', async () => {
    const collector = createBodyCollector(undefined, undefined, 4);
    collector.write(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x03]));
    const body = capturedToBody(await collector.finish());
    expect(body).toMatchObject({ encoding: 'base64', data: Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'), size: 4, truncated: true });
  });
});

describe('collected bodies crossing to the capture worker', () => {
  it('puts a large body in shared memory, which crosses without a copy, and keeps a small one apart from the pool', async () => {
    const big = createBodyCollector(undefined);
    big.write(Buffer.alloc(20_000, 0x61));
    const large = await big.finish();
    expect(large.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const small = createBodyCollector(undefined);
    small.write(Buffer.from('tiny'));
    const tiny = await small.finish();
    expect(tiny.bytes.buffer).toBeInstanceOf(ArrayBuffer);
    expect(tiny.bytes.buffer.byteLength).toBe(4);
    expect(capturedToBody(large)).toMatchObject({ encoding: 'utf8', data: 'a'.repeat(20_000), size: 20_000 });
  });
});
