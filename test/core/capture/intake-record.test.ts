// The intake journal's record format: bodies copied raw after a JSON header, read back exactly.

import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../../../electron/core/capture/exchange-recorder';
import { decodeIntakeFile, encodeIntakeRecord } from '../../../electron/core/capture/intake-record';

const agentBody = JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'line one\nline "two" – ünïcødé 🚀\u0000' }] });
const exchanges: CapturedExchange[] = [
  {
    id: 'with-bodies',
    via: 'proxy',
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    requestHeaders: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…fingerprint' },
    requestBody: { bytes: Buffer.from(agentBody) },
    status: 200,
    responseHeaders: { 'content-type': 'application/octet-stream' },
    responseBody: { bytes: Buffer.from([0, 1, 2, 255, 10, 10]), decodeNote: 'kept raw', truncated: true },
    state: 'complete',
    startedAt: 1,
    endedAt: 3,
  },
  { id: 'no-bodies', via: 'base-url', method: 'GET', url: 'http://localhost:11434/api/tags', requestHeaders: {}, state: 'error', error: { code: 'upstream-unreachable', message: 'refused' }, startedAt: 4 },
  { id: 'empty-body', via: 'proxy', method: 'POST', url: 'https://api.openai.com/v1/embeddings', requestHeaders: {}, requestBody: { bytes: Buffer.alloc(0) }, state: 'aborted', startedAt: 5 },
];

// Bodies compared by their bytes, whatever buffer holds them.
const plain = (x: CapturedExchange) => JSON.parse(JSON.stringify(x, (_, v) => (v instanceof Uint8Array ? [...v] : v)));

describe('intake records', () => {
  it('read back exactly what was written, bodies included', () => {
    const file = Buffer.concat(exchanges.flatMap((x, i) => encodeIntakeRecord(i + 1, x)));
    const read = decodeIntakeFile(file);
    expect(read.unreadable).toBe(0);
    expect(read.exchanges.map(plain)).toEqual(exchanges.map(plain));
  });

  it('copy a body into the file as it is, not escaped into JSON', () => {
    const file = Buffer.concat(encodeIntakeRecord(1, exchanges[0]));
    expect(file.includes(Buffer.from(agentBody))).toBe(true);
  });

  it('end where the file was cut, at any byte, without a false record', () => {
    const file = Buffer.concat(exchanges.flatMap((x, i) => encodeIntakeRecord(i + 1, x)));
    for (let cut = 0; cut < file.length; cut++) {
      const { exchanges: read, unreadable } = decodeIntakeFile(file.subarray(0, cut));
      expect(unreadable).toBe(0);
      expect(read.map(plain)).toEqual(exchanges.slice(0, read.length).map(plain));
    }
  });
});
