// The benchmark's upstream: an HTTPS server on loopback answering a chat completion as JSON or as an SSE stream
// whose events carry the time they were written, so a client can measure each event's delay.

import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from '../test/helpers/test-pki';

export interface BenchUpstream {
  port: number;
  pki: TestPki;
  close(): void;
}

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The capital of France is Paris. '.repeat(8) }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 20, completion_tokens: 60, total_tokens: 80 },
});

export async function startBenchUpstream(): Promise<BenchUpstream> {
  const pki = createTestPki();
  const server = https.createServer({ key: pki.keyPem, cert: pki.certPem, keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    req.resume();
    req.on('end', () => {
      const events = Number(url.searchParams.get('events') ?? 0);
      if (!events) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(COMPLETION) });
        res.end(COMPLETION);
        return;
      }
      const gap = Number(url.searchParams.get('gap') ?? 2);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const tick = () => {
        if (res.destroyed) return;
        if (i === events) {
          res.end('data: [DONE]\n\n');
          return;
        }
        const chunk = { id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: `tok${i} ` } }], sentAt: performance.timeOrigin + performance.now() };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        i++;
        setTimeout(tick, gap);
      };
      tick();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, pki, close: () => server.close() };
}
