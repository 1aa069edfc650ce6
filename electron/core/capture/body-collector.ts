// Collects one body as it streams past, decoding its content-encoding on the side. The client always gets the
// original bytes; this only decides what is kept. A body that cannot be decoded is kept raw with the reason.

import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { CapturedBody } from './body-codec';

export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;

type DecoderFactory = () => Transform;

const zlibWithZstd = zlib as typeof zlib & { createZstdDecompress?: () => Transform };

function decoderFor(encoding: string): DecoderFactory | string {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return () => zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return () => zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    case 'zstd':
      return zlibWithZstd.createZstdDecompress
        ? () => zlibWithZstd.createZstdDecompress!()
        : `zstd is not supported by this runtime (Node ${process.versions.node}); body kept as received`;
    default:
      return `unknown content-encoding "${encoding}"; body kept as received`;
  }
}

export interface BodyCollector {
  write(chunk: Buffer): void;
  /** Resolves with the decoded bytes (or the raw ones with a note). Safe to call once, also after an abort. */
  finish(): Promise<CapturedBody>;
}

export function createBodyCollector(
  contentEncoding: string | undefined,
  onDecoded?: (chunk: Buffer) => void,
  limit = DEFAULT_BODY_LIMIT,
): BodyCollector {
  const raw = new ChunkList(limit);
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  if (encodings.length === 0) {
    return {
      write(chunk) {
        raw.push(chunk);
        onDecoded?.(chunk);
      },
      finish: async () => raw.toCaptured(),
    };
  }

  const factories = encodings.reverse().map(decoderFor);
  const unsupported = factories.find((f): f is string => typeof f === 'string');
  if (unsupported) {
    return { write: (chunk) => raw.push(chunk), finish: async () => raw.toCaptured(unsupported) };
  }
  const decoded = new ChunkList(limit);
  const chain = (factories as DecoderFactory[]).map((make) => make());
  for (let i = 0; i < chain.length - 1; i++) chain[i].pipe(chain[i + 1]);
  const first = chain[0];
  const last = chain[chain.length - 1];
  let failure: string | undefined;
  const done = new Promise<void>((resolve) => {
    last.on('data', (chunk: Buffer) => {
      decoded.push(chunk);
      onDecoded?.(chunk);
    });
    last.on('end', resolve);
    for (const stream of chain) {
      stream.on('error', (err: Error) => {
        failure ??= `could not decode ${encodings.join(', ')}: ${err.message}; body kept as received`;
        resolve();
      });
    }
  });

  return {
    write(chunk) {
      raw.push(chunk);
      if (!failure) first.write(chunk);
    },
    async finish() {
      if (!failure) first.end();
      await done;
      return failure ? raw.toCaptured(failure) : decoded.toCaptured();
    },
  };
}

const SHARED_FROM_BYTES = 16 * 1024;

class ChunkList {
  private chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    if (this.size >= this.limit) {
      this.truncated = true;
      return;
    }
    const room = this.limit - this.size;
    if (chunk.length > room) {
      this.truncated = true;
      chunk = chunk.subarray(0, room);
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  toCaptured(decodeNote?: string): CapturedBody {
    // Its own exactly sized memory, not a slice of Node's shared pool: crossing to the capture worker copies a
    // view's whole backing store. A large body goes into shared memory, which crosses without a copy: an agent's
    // request of a few hundred kilobytes otherwise costs the proxy's thread a third of a millisecond to send.
    const bytes = this.size >= SHARED_FROM_BYTES ? Buffer.from(new SharedArrayBuffer(this.size)) : Buffer.allocUnsafeSlow(this.size);
    let at = 0;
    for (const chunk of this.chunks) at += chunk.copy(bytes, at);
    const body: CapturedBody = { bytes };
    if (decodeNote) body.decodeNote = decodeNote;
    if (this.truncated) body.truncated = true;
    return body;
  }
}
