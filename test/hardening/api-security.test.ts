// The local API through its public HTTP behaviour only (its internals are being rewritten): no token, a wrong
// token, a foreign Origin and a foreign Host (DNS rebinding) are all refused, and the right request is served, so
// each refusal below is the guard's doing and not a broken route.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import { rawRequest } from './raw-http';

let upstream: FakeUpstream;
let engine: Engine;
let uiPort: number;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  uiPort = Number(new URL(engine.uiUrl).port);
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

function get(path: string, headers: Record<string, string>) {
  const lines = Object.entries({ Host: `127.0.0.1:${uiPort}`, Connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return rawRequest(uiPort, `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}

const bearer = () => ({ Authorization: `Bearer ${engine.token}` });
const PATHS = ['/api/health', '/api/sessions', '/api/interactions', '/api/setup', '/api/ca.pem', '/'];

describe('the local API refuses strangers', () => {
  it('binds the UI server to loopback', () => {
    expect(new URL(engine.uiUrl).hostname).toBe('127.0.0.1');
  });

  it.each(PATHS.filter((p) => p !== '/'))('serves %s to a request with the token', async (path) => {
    expect((await get(path, bearer())).status).toBe(200);
  });

  it.each(PATHS)('refuses %s without a token', async (path) => {
    const response = await get(path, {});
    expect(response.status).toBe(401);
    expect(response.text).not.toContain(engine.token);
  });

  it.each(PATHS)('refuses %s with a wrong token in every place a token is read', async (path) => {
    const wrong = engine.token.slice(0, -2) + (engine.token.endsWith('AA') ? 'BB' : 'AA');
    expect((await get(path, { Authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await get(`${path}?token=${wrong}`, {})).status).toBe(401);
    expect((await get(path, { Cookie: `threadtap_token=${wrong}` })).status).toBe(401);
    // A token of another length must not throw in the constant-time compare.
    expect((await get(path, { Authorization: 'Bearer x' })).status).toBe(401);
  });

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'http://127.0.0.1.evil.example', 'https://localhost'])(
    'refuses a foreign Origin %s even with the token',
    async (origin) => {
      const response = await get('/api/sessions', { ...bearer(), Origin: origin.replace(':1', `:${uiPort === 1 ? 2 : 1}`) });
      expect(response.status).toBe(403);
    },
  );

  it.each(['evil.example', 'rebind.evil.example:PORT', '127.0.0.1.nip.io:PORT', '127.0.0.1:1', '', 'localhost.:PORT'])(
    'refuses a foreign Host %s even with the token (DNS rebinding)',
    async (host) => {
      const response = await get('/api/sessions', { ...bearer(), Host: host.replace('PORT', String(uiPort)) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.text).not.toContain('"sessions"');
    },
  );

  it('accepts its own Origin with the token', async () => {
    expect((await get('/api/health', { ...bearer(), Origin: `http://127.0.0.1:${uiPort}` })).status).toBe(200);
  });
});
