// An HTTPS upstream that misbehaves on purpose, one way per path: stalls after the first event, answers "gzip"
// that is not gzip, streams malformed SSE, or sends a huge body. Reports the bytes it sent so tests can compare.

import https from 'node:https';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from '../helpers/test-pki';

export interface FaultUpstream {
  port: number;
  pki: TestPki;
  hugeSha256(): string;
  close(): void;
}

export const HUGE_BYTES = 100 * 1024 * 1024;
export const MALFORMED_SSE = [
  'data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ok "}}]}\n\n',
  'data: {"id":"x","choices":[{"delta":{"content":\n\n',
  'event: \u0000\u0001weird\ndata: not json at all\n\n',
  ':comment only\n\n',
  'data: {"choices":null}\n\n',
  'data: [1,2,3]\n\n',
  'retry: abc\nid: \n\n',
  'data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"end"}}]}\r\n\r\n',
  'data: [DONE]\n\n',
  'data: trailing without blank line',
];
export const NOT_GZIP = Buffer.from('this is plainly not gzip data, but the header says it is \u00ff\u00fe');

export async function startFaultUpstream(): Promise<FaultUpstream> {
  const pki = createTestPki();
  const huge = Buffer.alloc(1024 * 1024, 'abcdefghijklmnopqrstuvwxyz0123456789\n');
  const hash = createHash('sha256');
  for (let i = 0; i < HUGE_BYTES / huge.length; i++) hash.update(huge);
  const hugeSha256 = hash.digest('hex');
  const server = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    req.resume();
    req.on('end', async () => {
      const path = req.url ?? '/';
      if (path.startsWith('/stall')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"id":"s","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"first"}}]}\n\n');
        return; // and never another byte
      }
      if (path.startsWith('/bad-gzip')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': NOT_GZIP.length });
        return void res.end(NOT_GZIP);
      }
      if (path.startsWith('/malformed-sse')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const part of MALFORMED_SSE) res.write(part);
        return void res.end();
      }
      if (path.startsWith('/huge')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': HUGE_BYTES });
        for (let i = 0; i < HUGE_BYTES / huge.length; i++) {
          if (!res.write(huge)) await new Promise((r) => res.once('drain', r));
          if (res.destroyed) return;
        }
        return void res.end();
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    pki,
    hugeSha256: () => hugeSha256,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
