// The store from outside, through a real `serve` process: kill -9 at random moments during capture loses no
// exchange completed more than a second before the kill, and the store opens after each, also when capture was far
// behind the traffic; a corrupt database file is set aside (its bytes kept) and serve starts and captures again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProxyAgent, request } from 'undici';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { exportedInteractions, tempDataDir } from '../helpers/engine-harness';
import { startServeChild, type ServeChild } from './serve-child';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

const serveArgs = () => ['--map', `api.openai.com=${upstream.url}`, '--upstream-ca', upstream.pki.caPath];

async function chat(dispatcher: ProxyAgent, label: string, stream: boolean) {
  const res = await request('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', stream, messages: [{ role: 'user', content: label }] }),
  });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
}

describe('crashes and corruption', () => {
  it('loses no completed exchange to kill -9 at random moments, and the store opens every time', async () => {
    const dataDir = tempDataDir();
    const completedAt = new Map<string, number>();
    const kills: { at: number; safe: number }[] = [];
    for (let round = 0; round < 3; round++) {
      const serve: ServeChild = await startServeChild(dataDir, serveArgs());
      const dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
      let stop = false;
      const workers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const label = `kill round ${round} worker ${w} call ${i}`;
          try {
            await chat(dispatcher, label, i % 2 === 0);
            completedAt.set(label, Date.now());
          } catch {
            return; // the process died under this call
          }
        }
      });
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
      const killedAt = Date.now();
      serve.child.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      await dispatcher.close().catch(() => undefined);
      kills.push({ at: killedAt, safe: [...completedAt.values()].filter((t) => t < killedAt - 1000).length });
    }
    // What the last run finished but had not stored yet is captured by the next start; a clean stop writes it.
    await (await startServeChild(dataDir, serveArgs())).stop();
    // Reading the store back through the CLI proves it opens after the last kill.
    const mustSurvive = [...completedAt].filter(([label, t]) => t < kills[Number(/round (\d)/.exec(label)![1])].at - 1000).map(([l]) => l);
    expect(mustSurvive.length).toBeGreaterThan(10);
    const { interactions } = await exportedInteractions(dataDir, mustSurvive.length, 20_000);
    const stored = new Set(interactions.map((i) => JSON.stringify(i.messages)));
    const lost = mustSurvive.filter((label) => ![...stored].some((m) => m.includes(`"${label}"`)));
    console.info(`kill -9: ${kills.length} kills, ${completedAt.size} calls completed, ${mustSurvive.length} completed >1 s before a kill, ${lost.length} lost`);
    expect(lost).toEqual([]);
  }, 90_000);

  it('keeps what finished while capture was stalled through kill -9, and stores it at the next start', async () => {
    const dataDir = tempDataDir();
    // Every batch the capture worker takes is held 3 s: all calls finish long before capture could store them.
    const serve = await startServeChild(dataDir, serveArgs(), { THREADTAP_CAPTURE_STALL_MS: '3000' });
    const dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
    const labels = Array.from({ length: 12 }, (_, i) => `stalled capture call ${i}`);
    for (const [i, label] of labels.entries()) await chat(dispatcher, label, i % 3 === 0);
    await new Promise((r) => setTimeout(r, 1000));
    serve.child.kill('SIGKILL');
    await new Promise((r) => serve.child.once('exit', r));
    await dispatcher.close().catch(() => undefined);
    expect(readdirSync(join(dataDir, 'intake')).length).toBeGreaterThan(0);

    const restarted = await startServeChild(dataDir, serveArgs());
    await restarted.stop();
    const { interactions } = await exportedInteractions(dataDir, labels.length);
    const texts = interactions.map((i) => JSON.stringify(i.messages));
    expect(labels.filter((label) => !texts.some((t) => t.includes(`"${label}"`)))).toEqual([]);
    // Stored once each, although the intake and perhaps the store both had some of them.
    expect(interactions).toHaveLength(labels.length);
    // A clean stop leaves no intake behind.
    expect(readdirSync(join(dataDir, 'intake'))).toEqual([]);
  }, 60_000);

  it('places a turn sent right after a restart after the earlier turns the intake kept through kill -9', async () => {
    const dataDir = tempDataDir();
    const ask = async (dispatcher: ProxyAgent, messages: { role: string; content: string }[]) => {
      const res = await request('https://api.openai.com/v1/chat/completions', {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages }),
      });
      const body = (await res.body.json()) as { choices: { message: { content: string } }[] };
      return body.choices[0].message.content;
    };
    const history = [{ role: 'user', content: 'a conversation the intake kept' }];
    // Capture stalled: the first turn is only in the intake journal when the process dies.
    const serve = await startServeChild(dataDir, serveArgs(), { THREADTAP_CAPTURE_STALL_MS: '3000' });
    let dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
    history.push({ role: 'assistant', content: await ask(dispatcher, history) });
    await new Promise((r) => setTimeout(r, 500));
    serve.child.kill('SIGKILL');
    await new Promise((r) => serve.child.once('exit', r));
    await dispatcher.close().catch(() => undefined);

    // The replay held back, so the recovered turn and the new one wait for it together and are handled in one go.
    const restarted = await startServeChild(dataDir, serveArgs(), { THREADTAP_RESTORE_STALL_MS: '2000' });
    dispatcher = new ProxyAgent({ uri: restarted.proxyUrl, requestTls: { ca: restarted.caPem } });
    history.push({ role: 'user', content: 'and the turn right after the restart' });
    await ask(dispatcher, history);
    await dispatcher.close();
    await restarted.stop();
    const { doc } = await exportedInteractions(dataDir, 2);
    const session = doc.sessions.find((s) => s.interactions.some((i) => JSON.stringify(i.messages).includes('right after the restart')))!;
    expect(session.interactions.map((i) => i.kind)).toEqual(['start', 'turn']);
  }, 60_000);

  it('sets a corrupt database file aside with its bytes intact, then starts and captures again', async () => {
    const dataDir = tempDataDir();
    let serve = await startServeChild(dataDir, serveArgs());
    let dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
    await chat(dispatcher, 'before the corruption', false);
    await exportedInteractions(dataDir, 1);
    await dispatcher.close();
    await serve.stop();

    const db = join(dataDir, 'threadtap.db');
    expect(existsSync(db)).toBe(true);
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xa5)]);
    writeFileSync(db, garbage);

    serve = await startServeChild(dataDir, serveArgs());
    const health = await serve.api<{ store?: { recoveredFrom?: string } }>('/api/health');
    const asideName = readdirSync(dataDir).find((n) => n !== 'threadtap.db' && n.startsWith('threadtap.db') && !n.includes('journal') && !n.endsWith('.lock') && readFileSync(join(dataDir, n)).equals(garbage));
    // Nothing silently deleted: the corrupt bytes are kept beside the new database, and health says where.
    expect(asideName).toBeDefined();
    expect(health.store?.recoveredFrom ?? '').toContain(asideName!);
    dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
    await chat(dispatcher, 'after the corruption', false);
    await dispatcher.close();
    const { interactions } = await exportedInteractions(dataDir, 1);
    expect(interactions.some((i) => JSON.stringify(i.messages).includes('after the corruption'))).toBe(true);
    await serve.stop();
  }, 60_000);
});
