// The data dir fills up while serving (a 4 MB tmpfs; as root, chmod would not stop writes): proxying must go on,
// health must show the warning, and once space is back capture must write again. Needs root and tmpfs; says so
// and skips otherwise.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyAgent, request } from 'undici';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { exportedInteractions } from '../helpers/engine-harness';
import { startServeChild } from './serve-child';

const mountPoint = mkdtempSync(join(tmpdir(), 'threadtap-tmpfs-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  console.warn(`disk-full test skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); it needs root`);
}

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream?.close();
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
});

type Health = { store: { writable: boolean; warning?: string } };

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!mounted)('a full disk', () => {
  it('keeps proxying, shows the warning in health, and writes again once there is space', async () => {
    const dataDir = join(mountPoint, 'data');
    const serve = await startServeChild(dataDir, ['--map', `api.openai.com=${upstream.url}`, '--upstream-ca', upstream.pki.caPath]);
    const dispatcher = new ProxyAgent({ uri: serve.proxyUrl, requestTls: { ca: serve.caPem } });
    const chat = async (label: string) => {
      const res = await request('https://api.openai.com/v1/chat/completions', {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `${label} ${'x'.repeat(2000)}` }] }),
      });
      await res.body.text();
      return res.statusCode;
    };
    try {
      expect(await chat('disk ok')).toBe(200);
      // Fill the disk to the last byte.
      const filler = join(mountPoint, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
      } catch {
        // ENOSPC is the point: whatever fitted stays.
      }
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push(await chat(`disk full ${i}`));
      expect(statuses.every((s) => s === 200)).toBe(true);
      const warned = await until('the warning', async () => {
        const h = await serve.api<Health>('/api/health');
        return h.store.writable ? undefined : h;
      });
      expect(warned.store.warning ?? '').not.toBe('');

      rmSync(filler);
      await until('writable again', async () => {
        await chat('disk back');
        const h = await serve.api<Health>('/api/health');
        return h.store.writable ? h : undefined;
      }, 30_000);
      expect(await chat('after the disk came back')).toBe(200);
      await serve.stop();
      const { interactions } = await exportedInteractions(dataDir, 2, 20_000);
      const texts = interactions.map((i) => JSON.stringify(i.messages));
      expect(texts.some((t) => t.includes('disk ok'))).toBe(true);
      expect(texts.some((t) => t.includes('after the disk came back'))).toBe(true);
    } finally {
      await dispatcher.close();
      await serve.stop();
    }
  }, 90_000);
});
