// A local HTTPS server that answers like the OpenAI and Anthropic APIs, streaming the recorded fixtures from
// ../shared/fixtures byte for byte. Tests point Threadtap at it with --map and --upstream-ca.

import https from 'node:https';
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from './test-pki';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
export const fixture = (path: string) => readFileSync(new URL(path, FIXTURES));

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeUpstream {
  url: string;
  port: number;
  pki: TestPki;
  received: ReceivedRequest[];
  /** Bytes of the last response body sent, exactly as written to the socket's body stream. */
  sent: Map<string, Buffer>;
  close(): Promise<void>;
}

const CHAT_STREAM = fixture('wire/openai-python_chat_stream_e2aad469b71d.sse');
const CHAT_TOOL_STREAM = fixture('wire/openai-python_chat_stream_f82268f2fefd.sse');
const ANTHROPIC_STREAM = fixture('wire/anthropic-ts_basic_response.txt');
const ANTHROPIC_TOOL_STREAM = fixture('wire/anthropic-ts_tool_use_response.txt');
const CHAT_JSON = fixture('wire/vercel-ai_openai-chat-text.json');
const NOCK = JSON.parse(fixture('traces/anthropic-sdk-ts_ToolRunner.nock.json').toString('utf8')) as { response: unknown }[];

function sseChunks(body: Buffer): Buffer[] {
  return body
    .toString('utf8')
    .split(/(?<=\n\n)/)
    .map((s) => Buffer.from(s));
}

/** A test's own answers, tried before the built-in routes; return true when it answered. */
export type ExtraRoute = (path: string, json: Record<string, unknown>, req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export async function startFakeUpstream(options: { extraRoute?: ExtraRoute } = {}): Promise<FakeUpstream> {
  const pki = createTestPki();
  const received: ReceivedRequest[] = [];
  const sent = new Map<string, Buffer>();

  const server = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body });
      void answer(path, body, req, res);
    });
  });

  async function streamChunks(res: http.ServerResponse, key: string, chunks: Buffer[], delayMs = 0) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    sent.set(key, Buffer.concat(chunks));
    for (const chunk of chunks) {
      if (res.destroyed) return;
      res.write(chunk);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    }
    res.end();
  }

  async function answer(path: string, body: Buffer, req: http.IncomingMessage, res: http.ServerResponse) {
    if (path.startsWith('/echo-size')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ received: body.length, contentLength: req.headers['content-length'] ?? null }));
    }
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'body is not JSON' } }));
      return;
    }
    if (options.extraRoute?.(path, json, req, res)) return;
    const wantsTools = Array.isArray(json.tools) && json.tools.length > 0;
    if (path.startsWith('/v1/chat/completions')) {
      if (json.stream) return streamChunks(res, 'chat', sseChunks(wantsTools ? CHAT_TOOL_STREAM : CHAT_STREAM));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(CHAT_JSON);
    }
    if (path.startsWith('/v1/messages')) {
      if (json.stream) return streamChunks(res, 'messages', sseChunks(wantsTools ? ANTHROPIC_TOOL_STREAM : ANTHROPIC_STREAM));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(NOCK[wantsTools ? 0 : 1].response));
    }
    if (path.startsWith('/slow/v1/chat/completions')) {
      return streamChunks(res, 'slow', sseChunks(CHAT_STREAM), 150);
    }
    if (path.startsWith('/reset/v1/chat/completions')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunks = sseChunks(CHAT_STREAM);
      res.write(chunks[0]);
      res.write(chunks[1]);
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    if (path.startsWith('/gzip/v1/chat/completions')) {
      const gz = zlib.gzipSync(CHAT_JSON);
      sent.set('gzip', gz);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length });
      return void res.end(gz);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no fake route ${path}` } }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    pki,
    received,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
