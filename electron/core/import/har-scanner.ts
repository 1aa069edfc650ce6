// Streams a HAR file and hands over `log.entries[*]` one at a time with the byte range each entry occupies, so a
// later pass can read any entry again by offset without keeping it. Memory stays at one entry plus the read buffer
// whatever the file size: a plain JSON.parse of a 1 GB capture cannot work.

import { createReadStream } from 'node:fs';
import { TokenParser, Tokenizer, TokenType, type ParsedTokenInfo } from '@streamparser/json';
import { ThreadtapError } from '../errors';

export interface ScannedEntry {
  /** Position in `log.entries`. */
  index: number;
  /** Byte offset of the entry's `{` and one past its `}`; -1 when the entry is not an object. */
  start: number;
  end: number;
  value: unknown;
  /** `log.creator.name` as far as the file has told it (writers put it before the entries). */
  creator?: string;
}

export interface ScanResult {
  entries: number;
  /** `log.creator.name`, when the file names the tool that wrote it. */
  creator?: string;
  /** Set when the file ends early or breaks mid-way: the entries before that point were still handed over. */
  broken?: { offset: number; message: string };
}

const READ_CHUNK = 1024 * 1024;
/** A file this far in without a top-level `log` key is some other JSON document. */
const LOG_KEY_DEADLINE = 64 * 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export class NotHarError extends ThreadtapError {
  constructor(file: string, reason: string) {
    super('bad-input', `${file} is not a HAR file: ${reason}`);
  }
}

/** Calls `onEntry` for each entry in file order. Throws NotHarError when the file is not a HAR document at all. */
export async function scanHar(file: string, onEntry: (entry: ScannedEntry) => void): Promise<ScanResult> {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.log.entries.*', '$.log.creator'], keepStack: false });

  // The tokenizer does not count a byte order mark in its offsets; `base` puts it back.
  let base = 0;
  let bytesSeen = 0;
  let depth = 0;
  const opens: number[] = [];
  const keys: (string | undefined)[] = [];
  let lastString: string | undefined;
  let previous: TokenType | undefined;
  let lastClose = -1;
  let sawLog = false;
  let sawEntries = false;
  let index = 0;
  let creator: string | undefined;
  let failure: Error | undefined;
  /** Why the document cannot be a HAR, found before reading it all. */
  let wrongShape: string | undefined;
  let done = false;

  tokenizer.onToken = (info: ParsedTokenInfo) => {
    const afterColon = previous === TokenType.COLON;
    previous = info.token;
    switch (info.token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        if (depth === 0 && info.token !== TokenType.LEFT_BRACE) wrongShape = 'it is a JSON array, not an object';
        if (depth === 2 && keys[1] === 'log' && info.token === TokenType.LEFT_BRACKET) sawEntries ||= keys[2] === 'entries';
        opens[depth] = base + info.offset;
        depth++;
        keys[depth] = undefined;
        break;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        depth--;
        lastClose = base + info.offset;
        break;
      case TokenType.STRING:
        // Threadtap's own JSON export is the likeliest non-HAR file someone hands to import: name it.
        if (afterColon && depth === 1 && keys[1] === 'format' && info.value === 'threadtap.sessions') {
          wrongShape = 'it is a Threadtap JSON export (`export --format json`); import reads HAR files (`export --format har`)';
        }
        lastString = info.value as string;
        break;
      case TokenType.COLON:
        keys[depth] = lastString;
        if (depth === 1 && lastString === 'log') sawLog = true;
        break;
      default:
        if (depth === 0) wrongShape = 'it is a single JSON value, not an object';
    }
    if (wrongShape) throw new NotHarError(file, wrongShape);
    parser.write(info);
  };
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 2) {
      const name = (value as { name?: unknown } | null)?.name;
      if (key === 'creator' && typeof name === 'string') creator = name;
      return;
    }
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    onEntry({ index: index++, start: isObject ? opens[3] : -1, end: isObject ? lastClose + 1 : -1, value, creator });
  };
  const fail = (error: Error) => {
    failure ??= error;
  };
  tokenizer.onError = fail;
  parser.onError = fail;
  parser.onEnd = () => {
    done = true;
  };

  const stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes = chunk;
      if (bytesSeen === 0 && UTF8_BOM.every((b, i) => bytes[i] === b)) {
        base = UTF8_BOM.length;
        bytes = bytes.subarray(UTF8_BOM.length);
      }
      bytesSeen += chunk.length;
      try {
        tokenizer.write(bytes);
      } catch (error) {
        if (error instanceof NotHarError) throw error;
        fail(error as Error);
      }
      if (failure || done) break;
      if (!sawLog && bytesSeen > LOG_KEY_DEADLINE) throw new NotHarError(file, 'no top-level "log" object in its first 64 MB');
    }
    // A bare number at the end of the input is only complete once the tokenizer knows nothing follows.
    if (!failure && !done) {
      try {
        tokenizer.end();
      } catch (error) {
        fail(error as Error);
      }
    }
  } catch (error) {
    if (error instanceof NotHarError) throw error;
    throw new ThreadtapError('bad-input', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    stream.destroy();
  }

  if (failure instanceof NotHarError) throw failure;
  if (!failure && !done) failure = new Error('the file ends before the JSON document does (truncated?)');
  if (!sawLog || (!sawEntries && index === 0)) {
    if (bytesSeen === 0) throw new NotHarError(file, 'the file is empty');
    if (failure && !sawLog) throw new NotHarError(file, `it is not readable as JSON (${failure.message})`);
    throw new NotHarError(file, sawLog ? 'its "log" has no "entries" array' : 'no top-level "log" object');
  }
  const result: ScanResult = { entries: index };
  if (creator) result.creator = creator;
  if (failure) result.broken = { offset: Math.max(lastClose + 1, 0), message: failure.message };
  return result;
}
