import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { exportedInteractions, useTestEngine } from '../helpers/engine-harness';

const execFileAsync = promisify(execFile);

const t = useTestEngine({ intercept: ['intercepted.test'] });

function curl(args: string[]) {
  return execFileAsync('curl', ['-sS', '--proxy', t.engine.proxyUrl, '--cacert', t.engine.caCertPath, ...args], {
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'buffer',
  });
}

const chatBody = (text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: text }], ...extra });

async function findInteraction(predicate: (i: Awaited<ReturnType<typeof exportedInteractions>>['interactions'][number]) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { interactions } = await exportedInteractions(t.engine.dataDir, 0);
    const found = interactions.find(predicate);
    if (found || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('faults and awkward traffic', () => {
  it('tunnels a non-LLM HTTPS host untouched: the client sees the upstream certificate', async () => {
    // Only the test CA is trusted here, so the request succeeds only if nothing re-signed the connection.
    const { stdout } = await execFileAsync('curl', ['-sS', '--proxy', t.engine.proxyUrl, '--cacert', t.upstream.pki.caPath, `${t.upstream.url}/v1/chat/completions`, '-d', chatBody('tunnelled')]);
    expect(JSON.parse(stdout).choices).toBeDefined();
    // A later intercepted call is the marker that capture has caught up.
    await curl(['https://api.openai.com/v1/chat/completions', '-d', chatBody('after the tunnel')]);
    const marker = await findInteraction((i) => JSON.stringify(i.messages).includes('after the tunnel'));
    expect(marker).toBeDefined();
    const { interactions } = await exportedInteractions(t.engine.dataDir, 0);
    expect(interactions.some((i) => JSON.stringify(i.messages).includes('tunnelled'))).toBe(false);
    expect(interactions.some((i) => i.request.url.includes(`127.0.0.1:${t.upstream.port}`))).toBe(false);
  });

  it('records an upstream that resets mid-stream as an error with the partial response', async () => {
    await execFileAsync('curl', ['-sS', '--proxy', t.engine.proxyUrl, '--cacert', t.engine.caCertPath, 'https://api.openai.com/reset/v1/chat/completions', '-d', chatBody('reset me', { stream: true })]).catch((e) => e);
    const rec = await findInteraction((i) => JSON.stringify(i.messages).includes('reset me'));
    expect(rec?.status).toBe('error');
    expect((rec?.response?.body as { incomplete?: boolean })?.incomplete).toBe(true);
  });

  it('records a client that aborts mid-stream as aborted', async () => {
    const child = execFile('curl', ['-sS', '-N', '--proxy', t.engine.proxyUrl, '--cacert', t.engine.caCertPath, 'https://api.openai.com/slow/v1/chat/completions', '-d', chatBody('abort me', { stream: true })]);
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    const rec = await findInteraction((i) => JSON.stringify(i.messages).includes('abort me') && i.status !== 'pending');
    expect(rec?.status).toBe('aborted');
    expect(rec?.response?.stream?.length ?? 0).toBeGreaterThan(0);
  });

  it('forwards a malformed JSON body and records it raw with a reason', async () => {
    const { stdout } = await curl(['https://api.openai.com/v1/chat/completions', '-H', 'content-type: application/json', '-d', '{"model": "gpt-4o", "messages": [']);
    expect(JSON.parse(stdout.toString()).error.message).toBe('body is not JSON');
    const rec = await findInteraction((i) => typeof i.request.body === 'string' && i.request.body.startsWith('{"model": "gpt-4o", "messages": ['));
    expect(rec?.response?.status).toBe(400);
    expect(rec?.notes?.join(' ')).toMatch(/json/i);
  });

  it('decodes a gzip response for the record while the client gets the compressed bytes', async () => {
    const { stdout } = await curl(['https://api.openai.com/gzip/v1/chat/completions', '-d', chatBody('gzip please')]);
    expect(stdout).toEqual(t.upstream.sent.get('gzip'));
    const rec = await findInteraction((i) => JSON.stringify(i.messages).includes('gzip please'));
    expect(rec?.response?.headers['content-encoding']).toBe('gzip');
    expect(rec?.response?.body).toEqual(JSON.parse(zlib.gunzipSync(t.upstream.sent.get('gzip')!).toString()));
  });

  it('passes a 20 MB request body through intact and records its size', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const { stdout } = await execFileAsync(
      'bash',
      ['-c', `head -c ${big.length} /dev/zero | tr '\\0' 'x' | curl -sS --proxy ${t.engine.proxyUrl} --cacert ${t.engine.caCertPath} --data-binary @- https://api.openai.com/echo-size/v1/chat/completions`],
      { maxBuffer: 1024 * 1024 },
    );
    expect(JSON.parse(stdout).received).toBe(big.length);
    const rec = await findInteraction((i) => i.request.url.includes('/echo-size/'));
    expect(typeof rec?.request.body === 'string' ? rec.request.body.length : 0).toBe(big.length);
  });

  it('answers 502 with a clear message when the upstream is unreachable, and records the failure', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: new URL(t.engine.proxyUrl).port, method: 'POST', path: `http://127.0.0.1:${closed}/v1/chat/completions`, headers: { 'content-type': 'application/json' } },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(chatBody('nobody home'));
    });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body).error.message).toMatch(/could not reach 127\.0\.0\.1/);
    const rec = await findInteraction((i) => JSON.stringify(i.messages).includes('nobody home'));
    expect(rec?.status).toBe('error');
  });

  it('answers 400 to a request for a port out of range and keeps serving', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: new URL(t.engine.proxyUrl).port, method: 'GET', path: 'http://127.0.0.1:99999/v1/models' }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('port 99999');
    const { stdout } = await curl(['https://api.openai.com/v1/chat/completions', '-d', chatBody('still serving')]);
    expect(JSON.parse(stdout.toString()).choices).toBeDefined();
  });

  it('refuses to forward requests to its own ports', async () => {
    const uiPort = new URL(t.engine.uiUrl).port;
    const { stdout } = await execFileAsync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--proxy', t.engine.proxyUrl, `http://127.0.0.1:${uiPort}/api/health`]);
    expect(stdout).toBe('403');
    const connect = await execFileAsync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--proxy', t.engine.proxyUrl, `https://127.0.0.1:${uiPort}/api/health`]).catch((e: { stdout: string }) => e);
    expect(String(connect.stdout)).toMatch(/403|000/);
  });
});
