// The intake journal's record format: bodies copied raw after a JSON header, read back exactly.

import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../shared/exchange';
import { decodeIntakeFile, encodeIntakeRecord } from '../../../electron/core/capture/intake-record';

const agentBody = JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'line one\nline "two" – ünïcødé 🚀\u0000' }] });
const exchanges: Exchange[] = [
  {
    id: 'with-bodies',
    via: 'proxy',
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    requestHeaders: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…fingerprint' },
    requestBody: { encoding: 'utf8', data: agentBody, size: Buffer.byteLength(agentBody) },
    status: 200,
    responseHeaders: { 'content-type': 'application/octet-stream' },
    responseBody: { encoding: 'base64', data: Buffer.from([0, 1, 2, 255]).toString('base64'), size: 4, decodeNote: 'kept raw' },
    state: 'complete',
    startedAt: 1,
    endedAt: 3,
  },
  { id: 'no-bodies', via: 'base-url', method: 'GET', url: 'http://localhost:11434/api/tags', requestHeaders: {}, state: 'error', error: { code: 'upstream-unreachable', message: 'refused' }, startedAt: 4 },
  { id: 'empty-body', via: 'proxy', method: 'POST', url: 'https://api.openai.com/v1/embeddings', requestHeaders: {}, requestBody: { encoding: 'utf8', data: '', size: 0 }, state: 'aborted', startedAt: 5 },
];

describe('intake records', () => {
  it('read back exactly what was written, bodies included', () => {
    const file = Buffer.concat(exchanges.flatMap((x, i) => encodeIntakeRecord(i + 1, x)));
    expect(decodeIntakeFile(file)).toEqual({ exchanges, unreadable: 0 });
  });

  it('do not escape a body into JSON: its bytes are in the file as they are', () => {
    const file = Buffer.concat(encodeIntakeRecord(1, exchanges[0]));
    expect(file.includes(Buffer.from(agentBody))).toBe(true);
  });

  it('end where the file was cut, at any byte, without a false record', () => {
    const file = Buffer.concat(exchanges.flatMap((x, i) => encodeIntakeRecord(i + 1, x)));
    for (let cut = 0; cut < file.length; cut++) {
      const { exchanges: read, unreadable } = decodeIntakeFile(file.subarray(0, cut));
      expect(unreadable).toBe(0);
      expect(exchanges.slice(0, read.length)).toEqual(read);
    }
  });
});
