// What Chrome DevTools' HAR importer reads, as a JSON schema: written from devtools-frontend's
// front_end/models/har/HARFormat.ts (the classes that parse a file) and Importer.ts (what it does with them).
// HARFormat throws when an object it descends into is not an object, when a date does not parse, and when a number
// it requires casts to NaN; it sorts entries by date and calls string methods on httpVersion. This is stricter than
// the HAR 1.2 schema where DevTools is (page timings, the `_initiator` and `_webSocketMessages` customs) and asks
// for real numbers and strings where DevTools would coerce, so a pass here means an import there cannot throw.

const str = { type: 'string' };
const num = { type: 'number' };
const optionalObject = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });
const nameValue = optionalObject({ name: str, value: str, comment: str }, ['name', 'value']);
const list = (items: unknown) => ({ type: 'array', items });
/** HARBase.safeDate: anything `new Date()` parses; we write ISO 8601. */
const date = { type: 'string', format: 'date-time' };

const cookie = optionalObject({ name: str, value: str, path: str, domain: str, expires: date, httpOnly: { type: 'boolean' }, secure: { type: 'boolean' } }, ['name', 'value']);

const request = optionalObject(
  {
    method: str,
    url: str,
    httpVersion: str,
    cookies: list(cookie),
    headers: list(nameValue),
    queryString: list(nameValue),
    postData: optionalObject({ mimeType: str, text: str, params: list(optionalObject({ name: str, value: str, fileName: str, contentType: str }, ['name'])) }, ['mimeType', 'text']),
    headersSize: num,
    bodySize: num,
  },
  ['method', 'url', 'httpVersion', 'headersSize', 'bodySize'],
);

const response = optionalObject(
  {
    status: num,
    statusText: str,
    httpVersion: str,
    cookies: list(cookie),
    headers: list(nameValue),
    content: optionalObject({ size: num, compression: num, mimeType: str, text: str, encoding: str }, ['size', 'mimeType']),
    redirectURL: str,
    headersSize: num,
    bodySize: num,
    _transferSize: num,
    _error: str,
  },
  ['status', 'statusText', 'httpVersion', 'content', 'redirectURL', 'headersSize', 'bodySize'],
);

const timings = optionalObject(
  { blocked: num, dns: num, connect: num, ssl: num, send: num, wait: num, receive: num, _blocked_queueing: num, _blocked_proxy: num },
  ['send', 'wait', 'receive'],
);

const entry = optionalObject(
  {
    pageref: str,
    startedDateTime: date,
    time: num,
    request,
    response,
    timings,
    serverIPAddress: str,
    connection: str,
    // `typeof null === 'object'`: DevTools would build an initiator from null and throw, so null is refused here.
    _initiator: optionalObject({ type: str, url: str, lineNumber: num }),
    _webSocketMessages: list(optionalObject({ type: str, time: num, opcode: num, data: str })),
    // The names DevTools' ResourceType.fromName knows (front_end/core/common/ResourceType.ts).
    _resourceType: { enum: ['document', 'stylesheet', 'image', 'media', 'font', 'script', 'texttrack', 'xhr', 'fetch', 'eventsource', 'websocket', 'webtransport', 'manifest', 'signed-exchange', 'ping', 'csp-violation-report', 'other', 'preflight', 'sm-script', 'sm-stylesheet'] },
    _fromCache: { enum: ['memory', 'disk'] },
    _priority: str,
    _connectionId: str,
  },
  ['startedDateTime', 'time', 'request', 'response', 'timings'],
);

const creator = optionalObject({ name: str, version: str, comment: str }, ['name', 'version']);

export const DEVTOOLS_HAR_SCHEMA = optionalObject(
  {
    log: optionalObject(
      {
        version: str,
        creator,
        browser: creator,
        pages: list(optionalObject({ startedDateTime: date, id: str, title: str, pageTimings: optionalObject({ onContentLoad: num, onLoad: num }) }, ['startedDateTime', 'id', 'title', 'pageTimings'])),
        entries: list(entry),
        comment: str,
      },
      ['version', 'creator', 'entries'],
    ),
  },
  ['log'],
);
