// The HAR importer from outside, through its exported readers: random and HAR-shaped entries never make the entry
// converter throw anything but EntryError (one skipped entry), and random, truncated or corrupted files never make
// the scanner throw anything but a ThreadtapError, or hang.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harEntryToExchange, scanHar } from '../../electron/core/import';
import { EntryError } from '../../electron/core/import/entry-error';
import { ThreadtapError } from '../../electron/core/errors';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.anything() });
const header = fc.record({ name: maybe(fc.constantFrom('content-type', 'authorization', ':authority', 'content-encoding', 'x-api-key', '')), value: maybe(fc.string()) });
const content = fc.record(
  {
    mimeType: maybe(fc.constantFrom('application/json', 'text/event-stream', 'text/plain', '')),
    text: maybe(fc.oneof(fc.string(), fc.json(), fc.base64String())),
    encoding: maybe(fc.constantFrom('base64', 'utf8', 'gzip')),
    size: maybe(fc.integer()),
  },
  { requiredKeys: [] },
);
const harEntry = fc.record(
  {
    startedDateTime: maybe(fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()), fc.string())),
    time: maybe(fc.oneof(fc.double(), fc.integer())),
    request: maybe(
      fc.record(
        {
          method: maybe(fc.constantFrom('POST', 'GET', '')),
          url: maybe(fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.constant('https://api.openai.com/v1/chat/completions?key=AIzaXYZ'), fc.string())),
          headers: maybe(fc.array(header, { maxLength: 6 })),
          postData: maybe(content),
        },
        { requiredKeys: [] },
      ),
    ),
    response: maybe(fc.record({ status: maybe(fc.integer({ min: -1, max: 700 })), headers: maybe(fc.array(header, { maxLength: 6 })), content: maybe(content), _error: maybe(fc.string()) }, { requiredKeys: [] })),
    timings: maybe(fc.dictionary(fc.constantFrom('send', 'wait', 'receive', 'blocked'), fc.oneof(fc.double(), fc.integer()))),
    _threadtapId: maybe(fc.string()),
  },
  { requiredKeys: [] },
);

describe('HAR importer fuzzing', () => {
  it('converts or rejects any entry with an EntryError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(harEntry, fc.anything()), fc.constantFrom(undefined, 'HTTP Toolkit', 'mitmproxy'), (entry, creator) => {
        try {
          const { exchange } = harEntryToExchange(entry, { creator });
          expect(typeof exchange.method).toBe('string');
          JSON.stringify(exchange);
        } catch (error) {
          if (!(error instanceof EntryError)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('scans random, truncated and corrupted files to an end: entries, a broken marker, or a ThreadtapError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadtap-har-fuzz-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(harEntry, { maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.constant('truncate'), fc.constant('flip'), fc.constant('whole'), fc.constant('garbage')),
        fc.uint8Array({ maxLength: 64 }),
        async (entries, cut, how, noise) => {
          const text = Buffer.from(JSON.stringify({ log: { version: '1.2', creator: { name: 'fuzz' }, entries } }));
          const at = Math.floor(cut * text.length);
          const bytes =
            how === 'truncate' ? text.subarray(0, at)
            : how === 'flip' ? Buffer.concat([text.subarray(0, at), Buffer.from(noise), text.subarray(at + noise.length)])
            : how === 'garbage' ? Buffer.from(noise)
            : text;
          const file = join(dir, `f${n++}.har`);
          writeFileSync(file, bytes);
          let seen = 0;
          try {
            const result = await scanHar(file, () => void seen++);
            expect(result.entries).toBe(seen);
            if (how === 'whole') expect(seen).toBe(entries.length);
            expect(seen).toBeLessThanOrEqual(entries.length + noise.length);
          } catch (error) {
            if (!(error instanceof ThreadtapError)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);
});
