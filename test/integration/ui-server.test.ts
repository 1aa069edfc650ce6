import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';

let upstream: FakeUpstream;
let engine: Engine;
const uiDir = mkdtempSync(join(tmpdir(), 'tt-ui-')) + '/';

beforeAll(async () => {
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>built renderer</title>');
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream, { uiDir });
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

describe('the UI port', () => {
  it('serves the built renderer with the URL token once, then with the cookie it sets', async () => {
    const first = await fetch(engine.uiUrl);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('built renderer');
    const cookie = first.headers.get('set-cookie')!.split(';')[0];
    const asset = await fetch(new URL('/assets/app.js', engine.uiUrl), { headers: { cookie } });
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses requests without the token, and never serves files outside the renderer folder', async () => {
    const base = new URL(engine.uiUrl);
    expect((await fetch(`${base.origin}/api/health`)).status).toBe(401);
    const escape = await fetch(`${base.origin}/..%2f..%2fetc%2fpasswd`, { headers: { authorization: `Bearer ${engine.token}` } });
    expect(escape.status).toBe(404);
  });

  it('answers the API with the token as a Bearer header', async () => {
    const base = new URL(engine.uiUrl);
    const setup = await fetch(`${base.origin}/api/setup`, { headers: { authorization: `Bearer ${engine.token}` } });
    expect(await setup.json()).toMatchObject({ proxyUrl: engine.proxyUrl, caCertPath: engine.caCertPath });
  });
});
