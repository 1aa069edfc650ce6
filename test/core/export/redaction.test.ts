import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/export/redaction';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789WXYZ';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('Redactor', () => {
  it('replaces key-shaped strings with a fingerprint, JWTs and emails, and counts each rule', () => {
    const r = new Redactor();
    expect(r.text(`use ${KEY} or ${JWT}, mail bob@example.org`)).toBe('use sk-proj-…WXYZ or [redacted:jwt], mail [redacted:email]');
    expect(r.summary().replaced).toEqual({ email: 1, jwt: 1, 'key-shaped': 1 });
  });

  it('keeps content with --no-redact but still replaces credentials', () => {
    const r = new Redactor({ content: false, patterns: ['secret'], fields: ['user'] });
    expect(r.text(`bob@example.org secret ${KEY}`)).toBe('bob@example.org secret sk-proj-…WXYZ');
    expect(r.json({ user: 'x' })).toEqual({ user: 'x' });
    expect(r.headers({ Authorization: `Bearer ${KEY}`, 'x-api-key': 'sk-ant-…abcd' })).toEqual({ authorization: 'Bearer sk-proj-…WXYZ', 'x-api-key': 'sk-ant-…abcd' });
    expect(r.url(`https://g.example/v1?key=AIzaSyABCDEFGHIJKLMNOPQRSTUVWXYZ012345&alt=sse`)).toBe('https://g.example/v1?key=AIza%E2%80%A62345&alt=sse');
  });

  it('keeps JSON bodies valid JSON and leaves untouched bodies byte for byte', () => {
    const r = new Redactor({ patterns: ['"quoted"', '\\\\'], fields: ['metadata'] });
    const body = JSON.stringify({ messages: [{ content: `say "quoted" \\ ${KEY} to a@b.io` }], metadata: { user_id: 'u1' } });
    const out = r.bodyText(body);
    expect(JSON.parse(out)).toEqual({ messages: [{ content: 'say [redacted:pattern-1] [redacted:pattern-2] sk-proj-…WXYZ to [redacted:email]' }], metadata: '[redacted]' });
    const clean = '{ "a" : 1 }';
    expect(r.bodyText(clean)).toBe(clean);
  });

  it('redacts SSE data lines as JSON and keeps the event framing', () => {
    const r = new Redactor();
    const sse = `event: delta\r\ndata: {"text":"mail a@b.io"}\r\n\r\ndata: [DONE]\n\n`;
    expect(r.bodyText(sse)).toBe(`event: delta\r\ndata: {"text":"mail [redacted:email]"}\r\n\r\ndata: [DONE]\n\n`);
  });

  it('does not match its own fingerprints again', () => {
    const r = new Redactor();
    const once = r.text(KEY);
    expect(r.text(once)).toBe(once);
    expect(r.summary().replaced).toEqual({ 'key-shaped': 1 });
  });
});
