import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { checkAccess } from '../../../electron/core/api/access-guard';

const req = (headers: Record<string, string>, url = '/api/health') => ({ headers, url }) as unknown as IncomingMessage;

describe('local API access guard', () => {
  const token = 'tok-123456';
  it('accepts the token as Bearer, as the URL token once, or as the cookie', () => {
    expect(checkAccess(req({ host: '127.0.0.1:9000', authorization: `Bearer ${token}` }), token, 9000).ok).toBe(true);
    expect(checkAccess(req({ host: 'localhost:9000' }, `/?token=${token}`), token, 9000)).toEqual({ ok: true, viaQueryToken: true });
    expect(checkAccess(req({ host: '127.0.0.1:9000', cookie: `a=b; threadtap_token=${token}` }), token, 9000).ok).toBe(true);
  });

  it('rejects a missing or wrong token with 401', () => {
    expect(checkAccess(req({ host: '127.0.0.1:9000' }), token, 9000)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess(req({ host: '127.0.0.1:9000', authorization: 'Bearer nope' }), token, 9000)).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects a foreign Host (DNS rebinding) and a foreign Origin with 403 even with the token', () => {
    expect(checkAccess(req({ host: 'evil.example:9000', authorization: `Bearer ${token}` }), token, 9000)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(req({ host: '127.0.0.1:9001', authorization: `Bearer ${token}` }), token, 9000)).toMatchObject({ ok: false, status: 403 });
    expect(
      checkAccess(req({ host: '127.0.0.1:9000', origin: 'https://evil.example', authorization: `Bearer ${token}` }), token, 9000),
    ).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(req({ host: '127.0.0.1:9000', origin: 'http://127.0.0.1:9000', authorization: `Bearer ${token}` }), token, 9000).ok).toBe(true);
  });
});
