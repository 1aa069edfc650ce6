import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamObserver, detectEndpoint, parseExchange, type ExchangeInput } from '../../../electron/core/providers';
import { listWire } from '../../helpers/fixtures';
import { URLS } from './factories';
import { WIRE_CASES } from './wire-cases';

// parseExchange already turns exceptions into notes, so "does not throw" is not enough: an internal failure
// shows up as a 'parser failed' note, and none may appear. A hang fails through the test timeout; no wall-clock
// assertion here, since these machines are shared and noisy.
function assertClean(input: ExchangeInput): void {
  const parsed = parseExchange(input);
  expect(parsed.notes.filter((n) => n.startsWith('parser failed'))).toEqual([]);
}

const urls = [...Object.values(URLS), 'https://api.openai.com/v1/embeddings', 'https://example.com/whatever'];
const contentTypes = ['text/event-stream', 'application/x-ndjson', 'application/json', 'application/json-seq', ''];

describe('parseExchange under fuzzing', () => {
  it('survives random request and response text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...urls), fc.constantFrom(...contentTypes), fc.string(), fc.string(), fc.boolean(), (url, ct, req, res, aborted) => {
        assertClean({ method: 'POST', url, requestHeaders: {}, requestBody: req, responseHeaders: { 'content-type': ct }, responseBody: res, status: 200, aborted });
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary JSON values in request and response bodies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...urls), fc.jsonValue(), fc.jsonValue(), (url, req, res) => {
        assertClean({
          method: 'POST',
          url,
          requestHeaders: { 'content-type': 'application/json' },
          requestBody: JSON.stringify(req),
          responseHeaders: { 'content-type': 'application/json' },
          responseBody: JSON.stringify(res),
          status: 200,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('survives JSON values framed as SSE events', () => {
    fc.assert(
      fc.property(fc.constantFrom(...urls), fc.array(fc.jsonValue(), { maxLength: 8 }), (url, events) => {
        const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
        assertClean({ method: 'POST', url, requestHeaders: {}, requestBody: '{"stream":true}', responseHeaders: { 'content-type': 'text/event-stream' }, responseBody: body });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every fixture truncated at any point parseable, marked incomplete when it is a stream', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listWire()), fc.double({ min: 0, max: 1, noNaN: true }), (name, fraction) => {
        const input = WIRE_CASES[name]();
        const body = input.responseBody ?? '';
        const cut = body.slice(0, Math.floor(body.length * fraction));
        assertClean({ ...input, responseBody: cut });
        const parsed = parseExchange({ ...input, responseBody: cut, aborted: true });
        if (cut.trim() !== '') expect(parsed.response?.incomplete ?? parsed.response === undefined).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the stream observer quiet on random chunks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...urls), fc.constantFrom(...contentTypes), fc.array(fc.string(), { maxLength: 10 }), (url, ct, chunks) => {
        const info = detectEndpoint('POST', url, {}) ?? { provider: 'unknown', api: 'unknown' as const, endpoint: '/' };
        const observer = createStreamObserver(info, ct);
        for (const chunk of chunks) expect(typeof observer.push(chunk).textDelta).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});
