// The desktop app runs the core from electron-vite's bundle, where modules sit in out/main/ rather than their source
// folders. Its capture worker must find the store's worker and the HTML export's prebuilt flow renderer there, or the
// app silently runs the database on the capture thread and exports HTML without its waterfall.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CapturedExchange } from '../../electron/core/capture/exchange-recorder';
import type { FromCore, ToCore } from '../../electron/core/capture-core-protocol';
import { ensureMainBuilt } from './browser';

const TOKEN = 'bundle-test-token-0000000000000000';

describe('the Electron main bundle', () => {
  let worker: Worker;
  const logs: string[] = [];
  let uiPort = 0;
  const send = (messages: ToCore[]) => worker.postMessage(messages);

  beforeAll(async () => {
    const out = ensureMainBuilt();
    worker = new Worker(join(out, 'capture-core-worker.js'));
    const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-bundle-'));
    uiPort = await new Promise<number>((resolve, reject) => {
      worker.on('message', (message: FromCore) => {
        if (message.t === 'log') logs.push(`${message.level}: ${message.message}`);
        if (message.t === 'ready') resolve(message.uiPort);
        if (message.t === 'start-failed') reject(new Error(message.error.message));
      });
      worker.on('error', reject);
      send([{ t: 'start', options: { dataDir, host: '127.0.0.1', uiPort: 0, token: TOKEN, caCertPem: '', caCertPath: join(dataDir, 'none.pem'), settings: { host: '127.0.0.1', intercept: [], interceptAll: false, map: [] } }, hold: { count: 1000, bytes: 16 * 1024 * 1024 }, backlog: new SharedArrayBuffer(4) }]);
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.terminate();
  });

  it('runs the store in its own worker and exports HTML with the prebuilt flow renderer', async () => {
    const started = Date.now();
    const exchange: CapturedExchange = {
      id: 'bundle-exchange-1',
      via: 'base-url',
      method: 'POST',
      url: 'https://api.openai.com/v1/chat/completions',
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: { bytes: Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello from the bundle' }] })) },
      state: 'pending',
      startedAt: started,
    };
    const answer = JSON.stringify({ id: 'chatcmpl-b', object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } });
    send([
      { t: 'request-sent', exchange },
      { t: 'response-started', exchange: { id: exchange.id, status: 200, responseHeaders: { 'content-type': 'application/json' }, headersAt: started + 5, state: 'streaming' } },
      { t: 'finished', exchange: { id: exchange.id, state: 'complete', responseBody: { bytes: Buffer.from(answer) }, firstByteAt: started + 6, endedAt: started + 7 } },
    ]);
    const api = (path: string) => fetch(`http://127.0.0.1:${uiPort}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await expect.poll(async () => (await (await api('/api/sessions')).text()).includes('Hello from the bundle'), { timeout: 15_000 }).toBe(true);

    const html = await (await api(`/api/export?format=html&session=${exchange.id}`)).text();
    expect(html).toContain('Hello from the bundle');
    expect(html).toContain(readFileSync(join(ensureMainBuilt(), 'flow-embed.js'), 'utf8').slice(0, 200));
    expect(logs.filter((line) => /worker is not available|worker file is missing/.test(line))).toEqual([]);
  });
});
