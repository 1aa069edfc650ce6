// Credentials planted in real traffic through a `serve` process must not survive anywhere Threadtap writes or
// answers: the database and journal files, the log (serve's stderr), exports (redacted or not: only the
// fingerprint was ever stored) and the API. Each secret carries the marker PLANTED, which no fingerprint keeps.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { CLI, runCli, tempDataDir } from '../helpers/engine-harness';
import { rawRequest } from './raw-http';

const execFileAsync = promisify(execFile);
const MARKER = 'PLANTED';
const SECRETS = {
  bearer: 'sk-proj-PLANTEDbearerAAAA1111bbbb2222cccc',
  anthropic: 'sk-ant-api03-PLANTEDxapikeyDDDD3333eeee4444',
  gemini: 'AIzaSyPLANTEDqueryKeyFFFF5555gggg6666',
  azure: 'PLANTEDazureKey7777hhhh8888iiii',
  cookie: 'PLANTEDcookieJJJJ9999kkkk',
  proxyAuth: 'PLANTEDproxyPassLLLL0000',
};

let upstream: FakeUpstream;
let serve: ChildProcess;
let stderr = '';
let dataDir: string;
let ready: { proxyUrl: string; uiUrl: string; caCert: string };

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dataDir = tempDataDir();
  serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--ready-json', '--data-dir', dataDir,
    '--map', `api.openai.com=${upstream.url}`, '--map', `api.anthropic.com=${upstream.url}`, '--upstream-ca', upstream.pki.caPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: serve.stdout! }).once('line', resolve);
    serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  ready = JSON.parse(line);
}, 30_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) serve.kill('SIGKILL');
  await upstream?.close();
});

const curl = (args: string[]) =>
  execFileAsync('curl', ['-sS', '--proxy', ready.proxyUrl, '--cacert', ready.caCert, '--proxy-user', `user:${SECRETS.proxyAuth}`, ...args], { maxBuffer: 16 << 20 });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function leaks(text: string): string[] {
  return Object.entries(SECRETS).filter(([, secret]) => text.includes(secret) || text.includes(secret.slice(0, -4))).map(([name]) => name).concat(text.includes(MARKER) ? ['marker'] : []);
}

describe('no credential survives capture', () => {
  it('keeps planted credentials out of the store, the log, exports and the API', async () => {
    const chat = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'credential leak check' }] });
    const stream = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'credential leak check 2' }] });
    await curl(['https://api.openai.com/v1/chat/completions', '-H', `authorization: Bearer ${SECRETS.bearer}`, '-H', `cookie: session=${SECRETS.cookie}; theme=dark`, '-H', 'content-type: application/json', '-d', chat]);
    await curl(['https://api.anthropic.com/v1/messages', '-H', `x-api-key: ${SECRETS.anthropic}`, '-H', 'content-type: application/json', '-d', stream]);
    await curl([`https://api.openai.com/v1/chat/completions?key=${SECRETS.gemini}&alt=sse`, '-H', 'content-type: application/json', '-d', chat]);
    // Base-URL mode: plain HTTP to the proxy itself, an Azure-style `api-key` header.
    const port = Number(new URL(ready.proxyUrl).port);
    await rawRequest(port, `POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\napi-key: ${SECRETS.azure}\r\nAuthorization: Bearer ${SECRETS.bearer}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(chat)}\r\nConnection: close\r\n\r\n${chat}`);
    // The upstream saw the real credentials: capture must not alter traffic.
    expect(upstream.received.some((r) => r.headers['x-api-key'] === SECRETS.anthropic)).toBe(true);

    // The API, while serve runs.
    const ui = new URL(ready.uiUrl);
    const token = ui.searchParams.get('token')!;
    const api = async (path: string) => (await rawRequest(Number(ui.port), `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${ui.port}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`)).text;
    let list = '';
    for (let i = 0; i < 50 && (list.match(/credential leak check/g)?.length ?? 0) < 4; i++) {
      list = await api('/api/interactions');
      await new Promise((r) => setTimeout(r, 200));
    }
    const ids = [...new Set(list.match(/"id":"[0-9a-f-]{36}"/g) ?? [])].map((m) => m.slice(6, -1));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const apiTexts = [list, await api('/api/sessions'), ...(await Promise.all(ids.map((id) => api(`/api/interactions/${id}`))))];
    expect(apiTexts.flatMap(leaks)).toEqual([]);
    // The fingerprint is what stays, so the test is looking at real captured headers.
    expect(apiTexts.join('\n')).toContain(`sk-ant-…${SECRETS.anthropic.slice(-4)}`);

    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
    const files = filesUnder(dataDir).filter((f) => !f.includes(`${join('ca', 'keys')}`));
    expect(files.some((f) => f.includes('threadtap.db'))).toBe(true);
    for (const file of files) expect({ file, leaks: leaks(readFileSync(file).toString('latin1')) }).toEqual({ file, leaks: [] });
    expect(leaks(stderr)).toEqual([]);

    for (const extra of [[], ['--no-redact']]) {
      for (const format of ['json', 'har', 'md', 'html']) {
        const out = await runCli(['export', '--all', '--format', format, '--data-dir', dataDir, ...extra]);
        // Only JSON exists today; `--no-redact` and the other formats are checked as soon as they do.
        if (format === 'json' && extra.length === 0) expect(out.code).toBe(0);
        expect({ format, extra, leaks: leaks(out.stdout + out.stderr) }).toEqual({ format, extra, leaks: [] });
      }
    }
  }, 60_000);
});
