import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { CLI, REPO_ROOT, exportedInteractions, runCli, tempDataDir } from '../helpers/engine-harness';
import { threadCpus, threadNiceness } from '../helpers/threads';
import { allowedCpus } from '../../electron/core/cpu-reservation';

const execFileAsync = promisify(execFile);
// Keeping a CPU free needs one to spare, and taskset.
const canReserveCpu =
  process.platform === 'linux' &&
  (allowedCpus(readFileSync('/proc/self/status', 'utf8')) ?? []).length >= 2 &&
  spawnSync('sh', ['-c', 'command -v taskset']).status === 0;
let upstream: FakeUpstream;
let serve: ChildProcess;
let ready: { proxyUrl: string; uiUrl: string; caCert: string; dataDir: string };
const dataDir = tempDataDir();

beforeAll(async () => {
  upstream = await startFakeUpstream();
  serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--ready-json', '--data-dir', dataDir, '--map', `api.anthropic.com=${upstream.url}`, '--map', `api.openai.com=${upstream.url}`, '--upstream-ca', upstream.pki.caPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: serve.stdout! }).once('line', resolve);
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  ready = JSON.parse(line);
});

afterAll(async () => {
  serve?.kill('SIGKILL');
  await upstream?.close();
});

describe('threadtap serve as a process', () => {
  it('prints exactly one ready line with the proxy, the UI URL with its token, the CA and the data dir', () => {
    expect(Object.keys(ready).sort()).toEqual(['caCert', 'dataDir', 'proxyUrl', 'uiUrl']);
    expect(ready.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(ready.dataDir).toBe(dataDir);
    expect(existsSync(ready.caCert)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('runs every thread but the proxy\'s below it, V8\'s helpers included', () => {
    const threads = threadNiceness(serve.pid!);
    expect(threads.get(serve.pid!)).toBe(0);
    // The capture worker, the store's worker, and V8's helper threads (four by default), which do most of their
    // garbage collection; only those two workers are lowered when the helpers are left alone.
    expect([...threads.values()].filter((nice) => nice === 10).length).toBeGreaterThanOrEqual(6);
  });

  it.runIf(canReserveCpu)('keeps a CPU free of its background threads while a stream flows, and gives it back after', async () => {
    const all = allowedCpus(readFileSync(`/proc/${serve.pid}/status`, 'utf8'))!;
    const offFirstCpu = () => [...threadCpus(serve.pid!).values()].filter((cpus) => !cpus.includes(all[0])).length;
    expect(offFirstCpu()).toBe(0);
    // About 5 s of events, 150 ms apart.
    const stream = execFileAsync('curl', ['-sS', '-N', '--proxy', ready.proxyUrl, '--cacert', ready.caCert, 'https://api.openai.com/slow/v1/chat/completions', '-d', JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'a slow stream' }] })]);
    await vi.waitFor(
      () => {
        expect(threadCpus(serve.pid!).get(serve.pid!)).toEqual(all);
        // The capture and store workers and V8's helpers (four by default).
        expect(offFirstCpu()).toBeGreaterThanOrEqual(6);
      },
      { timeout: 4_000, interval: 50 },
    );
    const { stdout } = await stream;
    expect(stdout).toContain('data: [DONE]');
    await vi.waitFor(() => expect(offFirstCpu()).toBe(0), { timeout: 8_000, interval: 100 });
  });

  it('is found by `env` and by `run`, which sends an Anthropic SDK script through it', async () => {
    const env = await runCli(['env', '--data-dir', dataDir]);
    expect(env.stdout).toContain(`export HTTPS_PROXY='${ready.proxyUrl}'`);
    const dir = mkdtempSync(join(tmpdir(), 'tt-sdk-'));
    const script = join(dir, 'agent.mjs');
    writeFileSync(
      script,
      `import Anthropic from ${JSON.stringify(join(REPO_ROOT, 'node_modules/@anthropic-ai/sdk/index.mjs'))};
       const client = new Anthropic({ apiKey: 'sk-ant-api03-sdkthroughproxy000000qrst', maxRetries: 0 });
       const msg = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'sdk through the proxy' }] });
       console.log(msg.content[0].type);`,
    );
    const result = await runCli(['run', '--data-dir', dataDir, '--', process.execPath, script]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { interactions } = await exportedInteractions(dataDir, 1);
    const sdk = interactions.find((i) => JSON.stringify(i.messages).includes('sdk through the proxy'));
    expect(sdk?.request.url).toBe('https://api.anthropic.com/v1/messages');
    expect(sdk?.request.headers['user-agent']).toMatch(/Anthropic\/JS/);
  });

  it('keeps what it captured across a clean stop and a restart', async () => {
    await execFileAsync('curl', ['-sS', '--proxy', ready.proxyUrl, '--cacert', ready.caCert, 'https://api.openai.com/v1/chat/completions', '-d', JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'before the stop' }] })]);
    await exportedInteractions(dataDir, 2);
    serve.kill('SIGTERM');
    const code = await new Promise((resolve) => serve.once('exit', resolve));
    expect(code).toBe(0);
    const { interactions } = await exportedInteractions(dataDir, 2);
    expect(interactions.some((i) => JSON.stringify(i.messages).includes('before the stop'))).toBe(true);
  });
});
