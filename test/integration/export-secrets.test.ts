// Known secrets planted in real traffic through the real engine (authorization, x-api-key, x-goog-api-key, ?key=,
// key-shaped strings inside messages, an email): none survives any export format, not even a prefix of it. With
// --no-redact the email stays (content is kept) and credentials still never appear.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { runCli, startTestEngine } from '../helpers/engine-harness';
import { driveEngine, PLANTED, PLANTED_EMAIL, workFile } from '../core/export/export-traffic';

let upstream: FakeUpstream;
let engine: Engine;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  await driveEngine(engine);
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

/** A secret counts as leaked when any 12-character piece of it appears (a fingerprint keeps a prefix and 4 chars). */
function leaked(text: string): string[] {
  return Object.entries(PLANTED).filter(([, secret]) => {
    for (let i = 0; i + 12 <= secret.length; i++) {
      const piece = secret.slice(i, i + 12);
      if (!/^(sk-proj-|sk-ant-a|AIzaSy)/.test(piece) && text.includes(piece)) return true;
    }
    return false;
  }).map(([name]) => name);
}

describe.each([[[] as string[]], [['--no-redact']]])('exports with %j', (extra) => {
  it.each(['json', 'har', 'md', 'html'])('never contain a planted credential as %s', async (format) => {
    const out = workFile(`secrets.${format}`);
    const run = await runCli(['export', '--all', '--format', format, '--out', out, '--data-dir', engine.dataDir, ...extra]);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    // The export really holds the traffic: the questions and the fingerprints capture left.
    expect(text).toContain('Gemini-style key check');
    // Markdown is a transcript without headers; the other formats keep the fingerprint capture left.
    if (format !== 'md') expect(text).toContain(`sk-ant-…${PLANTED.anthropic.slice(-4)}`);
    expect(leaked(text + run.stdout + run.stderr)).toEqual([]);
    if (extra.length) expect(text).toContain(PLANTED_EMAIL);
    else {
      expect(text).not.toContain(PLANTED_EMAIL);
      expect(text).not.toContain('jane.doe');
      expect(run.stderr).toMatch(/email \d+/);
    }
    expect(run.stderr).toMatch(/key-shaped \d+/);
  });
});

describe('configurable redaction', () => {
  it('replaces custom patterns and named JSON fields, keeps JSON bodies valid, and reports counts', async () => {
    const out = workFile('custom.json');
    const run = await runCli(['export', '--all', '--out', out, '--data-dir', engine.dataDir, '--redact-pattern', 'Paris|France', '--redact-field', 'model', '--redact-field', 'user-agent']);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const doc = JSON.parse(text) as { redaction: { replaced: Record<string, number> }; sessions: { interactions: { request: { body: unknown; headers: Record<string, string> } }[] }[] };
    expect(text).not.toMatch(/Paris|France/);
    expect(text).toContain('[redacted:pattern-1]');
    const calls = doc.sessions.flatMap((s) => s.interactions);
    expect(calls.every((c) => c.request.headers['user-agent'] === undefined || c.request.headers['user-agent'] === '[redacted]')).toBe(true);
    expect(calls.filter((c) => typeof c.request.body === 'object').every((c) => (c.request.body as { model?: string }).model === '[redacted]')).toBe(true);
    expect(doc.redaction.replaced).toMatchObject({ 'pattern-1': expect.any(Number), 'field:model': expect.any(Number), 'field:user-agent': expect.any(Number) });
    expect(run.stderr).toContain('pattern-1');
  });

  it('refuses an invalid --redact-pattern with a clear error', async () => {
    const run = await runCli(['export', '--all', '--data-dir', engine.dataDir, '--redact-pattern', '([unclosed']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--redact-pattern');
  });
});
