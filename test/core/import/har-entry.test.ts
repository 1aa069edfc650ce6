import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { harEntryToExchange } from '../../../electron/core/import';
import { harEntry, toolRunnerCalls, type Call, type Flavour } from './har-factory';

const call = (overrides: Partial<Call> = {}): Call => ({ ...toolRunnerCalls()[0], ...overrides });
const convert = (entry: unknown, creator?: string) => harEntryToExchange(entry, { creator }).exchange;

describe('harEntryToExchange', () => {
  it.each<Flavour>(['chrome', 'mitmproxy', 'httptoolkit'])('reads a %s entry as the exchange live capture would store', (flavour) => {
    const c = call();
    const x = convert(harEntry(c, flavour));
    expect(x).toMatchObject({
      via: 'proxy',
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages?beta=true',
      status: 200,
      state: 'complete',
      startedAt: c.startedAt,
      endedAt: c.startedAt + 4_000,
      requestBody: { encoding: 'utf8', data: c.requestBody },
      responseBody: { encoding: 'utf8', data: c.responseBody },
    });
    expect(x.requestHeaders['user-agent']).toBe('Anthropic/JS 0.69.0');
    expect(x.headersAt).toBeGreaterThan(x.startedAt);
    expect(x.headersAt).toBeLessThanOrEqual(x.endedAt!);
  });

  it('drops HTTP/2 pseudo-headers and keeps the authority as the host', () => {
    const x = convert(harEntry(call(), 'chrome'));
    expect(Object.keys(x.requestHeaders).filter((h) => h.startsWith(':'))).toEqual([]);
    expect(x.requestHeaders.host).toBe('api.anthropic.com');
  });

  it('gives the same identity to the same traffic written by different tools, and a new one to other traffic', () => {
    const ids = (['chrome', 'mitmproxy', 'httptoolkit'] as const).map((f) => convert(harEntry(call(), f)).id);
    expect(new Set(ids).size).toBe(1);
    expect(convert(harEntry(call({ startedAt: call().startedAt + 1 }), 'chrome')).id).not.toBe(ids[0]);
  });

  it("keeps Threadtap's own interaction id", () => {
    expect(convert(harEntry(call({ id: 'b3c1a1de-0000-4000-8000-000000000001' }), 'threadtap')).id).toBe('b3c1a1de-0000-4000-8000-000000000001');
  });

  it('fingerprints credentials in headers, the query string and the URL user info', () => {
    const entry = harEntry(
      call({
        url: 'https://user:hunter2secretpass@generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=AIzaSyREALKEY1234567890abcdefghijklmn',
        requestHeaders: { authorization: 'Bearer sk-proj-SECRETSECRETSECRET1234', cookie: 'session=abcdefghijklmnop1234', 'x-goog-api-key': 'AIzaSyOTHERKEY0987654321zyxwvutsrqpo' },
      }),
      'chrome',
    );
    const text = JSON.stringify(convert(entry));
    for (const secret of ['hunter2secretpass', 'AIzaSyREALKEY1234567890abcdefghijklmn', 'sk-proj-SECRETSECRETSECRET1234', 'abcdefghijklmnop1234', 'AIzaSyOTHERKEY0987654321zyxwvutsrqpo']) {
      expect(text).not.toContain(secret);
    }
    expect(convert(entry).requestHeaders.authorization).toBe('Bearer sk-proj-…1234');
  });

  it('decodes base64 content, also when the writer kept it compressed', () => {
    const body = '{"type":"message","content":[]}';
    const entry = harEntry(call({ responseHeaders: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }), 'mitmproxy') as {
      response: { content: Record<string, unknown> };
    };
    entry.response.content.text = gzipSync(body).toString('base64');
    entry.response.content.encoding = 'base64';
    expect(convert(entry).responseBody).toEqual({ encoding: 'utf8', data: body, size: body.length });
    entry.response.content.text = Buffer.from([0xff, 0x00, 0x01]).toString('base64');
    expect(convert(entry).responseBody).toEqual({ encoding: 'base64', data: '/wAB', size: 3 });
  });

  it('keeps a streamed answer as its event text', () => {
    const sse = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const x = convert(harEntry(call({ responseBody: sse, responseHeaders: { 'content-type': 'text/event-stream' } }), 'chrome'));
    expect(x.responseBody?.data).toBe(sse);
  });

  it('marks a failed request as an error with the network message (Chrome, mitmproxy)', () => {
    const x = convert(harEntry(call({ status: 0, error: 'net::ERR_CONNECTION_RESET' }), 'chrome'));
    expect(x).toMatchObject({ state: 'error', error: { code: 'no-response', message: 'net::ERR_CONNECTION_RESET' } });
    expect(x.status).toBeUndefined();
    expect(x.responseBody).toBeUndefined();
    expect(convert(harEntry(call({ status: 0, error: 'net::ERR_ABORTED' }), 'chrome')).state).toBe('aborted');
  });

  it('reads HTTP Toolkit status 0 without an error as an aborted exchange', () => {
    const x = convert(harEntry(call({ status: 0 }), 'httptoolkit'), 'HTTP Toolkit');
    expect(x.state).toBe('aborted');
    expect(x.endedAt).toBeGreaterThanOrEqual(x.startedAt);
  });

  it('notes a body the writer left out', () => {
    const entry = harEntry(call(), 'httptoolkit') as { request: Record<string, unknown> };
    delete entry.request.postData;
    entry.request.bodySize = 50_000;
    const converted = harEntryToExchange(entry);
    expect(converted.exchange.requestBody).toBeUndefined();
    expect(converted.notes).toEqual(['the HAR left out the request body']);
  });

  it.each([
    ['not an object', 'nope', /not an object/],
    ['no request', { startedDateTime: '2025-01-01T00:00:00Z' }, /no request/],
    ['no method', { startedDateTime: '2025-01-01T00:00:00Z', request: { url: 'https://a.b/' } }, /no method/],
    ['a relative url', { startedDateTime: '2025-01-01T00:00:00Z', request: { method: 'GET', url: '/v1/messages' } }, /not an absolute URL/],
    ['a websocket url', { startedDateTime: '2025-01-01T00:00:00Z', request: { method: 'GET', url: 'wss://a.b/' } }, /wss: traffic/],
    ['a bad date', { startedDateTime: 'yesterday', request: { method: 'GET', url: 'https://a.b/' } }, /not a date/],
  ])('rejects an entry with %s', (_name, entry, reason) => {
    expect(() => harEntryToExchange(entry)).toThrow(reason);
  });
});
