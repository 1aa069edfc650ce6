import { describe, expect, it } from 'vitest';
import { fingerprint, redactHeaders, redactUrl } from '../../../electron/core/capture/redact-credentials';

describe('credential redaction at capture', () => {
  it('keeps a vendor prefix and the last four characters only', () => {
    expect(fingerprint('sk-ant-api03-abcdefghijklmnop9f3a')).toBe('sk-ant-…9f3a');
    expect(fingerprint('AIzaSyD-1234567890abcdefXYZ1')).toBe('AIza…XYZ1');
    expect(fingerprint('short')).toBe('…');
  });

  it('fingerprints credential headers, keeps the auth scheme, lower-cases names and leaves others alone', () => {
    const out = redactHeaders({
      Authorization: 'Bearer sk-proj-abcdefghijklmnopqrstuvwx1234',
      'X-Api-Key': 'sk-ant-api03-zzzzzzzzzzzzzzzzzzzz5678',
      'x-goog-api-key': 'AIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAA9999',
      'api-key': 'azure0123456789abcdef0000',
      Cookie: 'session=abcdefghijklmnop1111; theme=dark-mode-on',
      'Content-Type': 'application/json',
      'X-Multi': ['a', 'b'],
    });
    expect(out).toEqual({
      authorization: 'Bearer sk-proj-…1234',
      'x-api-key': 'sk-ant-…5678',
      'x-goog-api-key': 'AIza…9999',
      'api-key': '…0000',
      cookie: 'session=…1111; theme=…e-on',
      'content-type': 'application/json',
      'x-multi': 'a, b',
    });
  });

  it("fingerprints key-shaped query parameters such as Gemini's ?key=", () => {
    const url = redactUrl('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=AIzaSySECRETSECRETSECRET4242&alt=sse');
    expect(url).not.toContain('SECRET');
    expect(new URL(url).searchParams.get('key')).toBe('AIza…4242');
    expect(new URL(url).searchParams.get('alt')).toBe('sse');
  });
});
