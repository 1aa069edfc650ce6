// `threadtap import` end to end: HAR files written like Chrome, mitmproxy and HTTP Toolkit write them, imported
// through the real CLI into a real data dir, and read back with `threadtap export`.

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionsExport } from '../../electron/core/export/json-export';
import type { ImportReport } from '../../electron/core/import';
import { readWire, typedSse } from '../helpers/fixtures';
import { runCli, tempDataDir } from '../helpers/engine-harness';
import { harDocument, toolRunnerCalls, writeHar, type Call, type Flavour } from '../core/import/har-factory';

const work = mkdtempSync(join(tmpdir(), 'threadtap-import-'));
let n = 0;
const harPath = () => join(work, `capture-${n++}.har`);

async function importFiles(dataDir: string, ...files: string[]) {
  const run = await runCli(['import', ...files, '--json', '--data-dir', dataDir]);
  return { ...run, report: run.code === 0 ? (JSON.parse(run.stdout) as ImportReport) : undefined };
}

async function exported(dataDir: string): Promise<SessionsExport> {
  const { stdout, stderr, code } = await runCli(['export', '--all', '--format', 'json', '--data-dir', dataDir]);
  if (code !== 0) throw new Error(`export failed: ${stderr}`);
  return JSON.parse(stdout) as SessionsExport;
}

/** Sessions as comparable shapes: each interaction by its request start, with its parent's start and kind. */
function shape(doc: SessionsExport) {
  const startOf = new Map(doc.sessions.flatMap((s) => s.interactions.map((i) => [i.id, i.startedAt])));
  return doc.sessions
    .map((s) => ({
      relation: s.relation,
      calls: s.interactions.map((i) => `${i.startedAt} <- ${i.parentId ? startOf.get(i.parentId) : 'none'} (${i.kind})`).sort(),
    }))
    .sort((a, b) => (a.calls[0] < b.calls[0] ? -1 : 1));
}

const ANTHROPIC_KEY = 'sk-ant-api03-REALLOOKINGSECRETVALUE0123456789abcd';

describe('threadtap import', () => {
  const shapes: Record<string, unknown> = {};

  for (const flavour of ['chrome', 'mitmproxy', 'httptoolkit'] as Flavour[]) {
    it(`rebuilds the recorded tool loops and compaction from a ${flavour} HAR`, async () => {
      const dataDir = tempDataDir();
      const { report, stderr } = await importFiles(dataDir, writeHar(harPath(), toolRunnerCalls(), flavour));
      expect(stderr).toBe('');
      expect(report).toMatchObject({ read: 10, imported: 10, llmCalls: 10, sessions: 5, duplicates: 0, failed: 0 });
      const doc = await exported(dataDir);
      expect(doc.sessions).toHaveLength(5);
      const loops = doc.sessions.filter((s) => s.relation === null);
      for (const session of loops.slice(0, 3)) {
        const [start, turn] = session.interactions;
        expect(start).toMatchObject({ parentId: null, kind: 'start' });
        expect(turn).toMatchObject({ parentId: start.id, kind: 'turn' });
      }
      const continuation = doc.sessions.find((s) => s.relation === 'continuation');
      expect(continuation?.parentSessionId).toBe(doc.sessions[3].id);
      expect(doc.sessions[3].interactions[1].kind).toBe('compaction');
      shapes[flavour] = shape(doc);
    });
  }

  it('gives every flavour the same sessions', () => {
    expect(shapes.mitmproxy).toEqual(shapes.chrome);
    expect(shapes.httptoolkit).toEqual(shapes.chrome);
  });

  it('adds nothing when the same file is imported twice', async () => {
    const dataDir = tempDataDir();
    const file = writeHar(harPath(), toolRunnerCalls(), 'chrome');
    await importFiles(dataDir, file);
    const before = await exported(dataDir);
    const { report } = await importFiles(dataDir, file);
    expect(report).toMatchObject({ read: 10, imported: 0, duplicates: 10 });
    const after = await exported(dataDir);
    expect(after.sessions).toEqual(before.sessions);
  });

  it('gives the same sessions for a file written in completion order as for one in start order', async () => {
    const calls = toolRunnerCalls().map((c, i) => ({ ...c, durationMs: [4_000, 9_500, 1_000, 25_000, 3_000, 8_000, 2_000, 30_000, 500, 6_000][i] }));
    const byStart = tempDataDir();
    const byEnd = tempDataDir();
    await importFiles(byStart, writeHar(harPath(), calls, 'chrome'));
    const completionOrder = [...calls].sort((a, b) => a.startedAt + a.durationMs - (b.startedAt + b.durationMs));
    expect(completionOrder.map((c) => c.startedAt)).not.toEqual(calls.map((c) => c.startedAt));
    await importFiles(byEnd, writeHar(harPath(), completionOrder, 'mitmproxy'));
    expect(shape(await exported(byEnd))).toEqual(shape(await exported(byStart)));
  });

  it('continues a stored session with the turns of a later capture', async () => {
    const dataDir = tempDataDir();
    const calls = toolRunnerCalls();
    await importFiles(dataDir, writeHar(harPath(), calls.slice(0, 3), 'chrome'));
    const { report } = await importFiles(dataDir, writeHar(harPath(), calls.slice(3), 'httptoolkit'));
    expect(report).toMatchObject({ imported: 7, continuedSessions: 1 });
    const all = tempDataDir();
    await importFiles(all, writeHar(harPath(), calls, 'chrome'));
    expect(shape(await exported(dataDir))).toEqual(shape(await exported(all)));
  });

  it('places streamed answers kept as event text', async () => {
    const url = 'https://api.anthropic.com/v1/messages';
    const headers = { 'content-type': 'application/json', 'user-agent': 'claude-cli/2.0.14', 'x-api-key': ANTHROPIC_KEY };
    const sse = { 'content-type': 'text/event-stream; charset=utf-8' };
    const first = { role: 'user', content: 'Hi' };
    const calls: Call[] = [
      { url, requestHeaders: headers, requestBody: JSON.stringify({ model: 'claude-opus-4-8', max_tokens: 100, stream: true, messages: [first] }), status: 200, responseHeaders: sse, responseBody: readWire('anthropic-ts_basic_response.txt'), startedAt: Date.UTC(2025, 0, 1), durationMs: 900 },
      {
        url,
        requestHeaders: headers,
        requestBody: JSON.stringify({ model: 'claude-opus-4-8', max_tokens: 100, stream: true, messages: [first, { role: 'assistant', content: [{ type: 'text', text: 'Hello there!' }] }, { role: 'user', content: 'How are you?' }] }),
        status: 200,
        responseHeaders: sse,
        responseBody: typedSse(readWire('vercel-ai_anthropic-text.chunks.txt')),
        startedAt: Date.UTC(2025, 0, 1) + 5_000,
        durationMs: 1_200,
      },
    ];
    const dataDir = tempDataDir();
    await importFiles(dataDir, writeHar(harPath(), calls, 'chrome'));
    const [session] = (await exported(dataDir)).sessions;
    expect(session.interactions).toHaveLength(2);
    expect(session.interactions[1]).toMatchObject({ parentId: session.interactions[0].id, kind: 'turn' });
    expect(JSON.stringify(session.interactions[1].output)).toContain('How are you doing today?');
    expect(session.interactions[0].response?.stream?.length).toBeGreaterThan(3);
  });

  it('skips a malformed entry with a clear message and imports the rest', async () => {
    const doc = harDocument(toolRunnerCalls().slice(0, 2), 'chrome') as { log: { entries: unknown[] } };
    doc.log.entries.splice(1, 0, { startedDateTime: 'not a date', request: { method: 'POST', url: 'https://api.anthropic.com/v1/messages?key=AIzaSySECRETINURLabcdefghijklmnopqrst' } }, 42);
    const file = harPath();
    writeFileSync(file, JSON.stringify(doc));
    const dataDir = tempDataDir();
    const run = await runCli(['import', file, '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 entries could not be imported/);
    expect(run.stdout).toMatch(/entry 1 \(POST https:\/\/api\.anthropic\.com\/v1\/messages\): startedDateTime "not a date" is not a date/);
    expect(run.stdout).toMatch(/entry 2: the entry is not an object/);
    expect(run.stdout).not.toContain('AIzaSySECRETINURL');
    expect((await exported(dataDir)).sessions.flatMap((s) => s.interactions)).toHaveLength(2);
  });

  it('refuses a file that is not HAR with a clear error and exit code, importing nothing', async () => {
    const good = writeHar(harPath(), toolRunnerCalls(), 'chrome');
    const bad = harPath();
    // (A Threadtap JSON export is importable since issue 5; a bare JSON array is not HAR.)
    writeFileSync(bad, JSON.stringify([{ request: {} }]));
    const dataDir = tempDataDir();
    const run = await runCli(['import', good, bad, '--data-dir', dataDir]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(`${bad} is not a HAR file: it is a JSON array, not an object`);
    expect((await exported(dataDir)).sessions).toEqual([]);
    const missing = await runCli(['import', join(work, 'nope.har'), '--data-dir', dataDir]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/cannot read .*nope\.har/);
  });

  it('leaves no credential from the HAR in the store or the export', async () => {
    const secrets = {
      anthropic: ANTHROPIC_KEY,
      bearer: 'sk-proj-BEARERSECRET0123456789abcdefghij',
      gemini: 'AIzaSyQUERYSECRET0123456789abcdefghijk',
      cookie: 'sessioncookievalue0123456789',
    };
    const calls = toolRunnerCalls(undefined, secrets.anthropic);
    calls[1].requestHeaders = { ...calls[1].requestHeaders, authorization: `Bearer ${secrets.bearer}`, cookie: `sid=${secrets.cookie}` };
    calls.push({
      url: `https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${secrets.gemini}`,
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
      status: 200,
      responseHeaders: { 'content-type': 'application/json', 'set-cookie': `sid=${secrets.cookie}; Path=/` },
      responseBody: readWire('vercel-ai_google-text.json'),
      startedAt: calls[9].startedAt + 60_000,
      durationMs: 800,
    });
    const dataDir = tempDataDir();
    const { report } = await importFiles(dataDir, writeHar(harPath(), calls, 'chrome'));
    expect(report?.imported).toBe(11);
    const exportText = JSON.stringify(await exported(dataDir));
    const storeBytes = readdirSync(dataDir, { recursive: true })
      .map((name) => join(dataDir, String(name)))
      .filter((path) => statSync(path).isFile())
      .map((path) => readFileSync(path).toString('latin1'))
      .join('\n');
    for (const secret of Object.values(secrets)) {
      expect(exportText).not.toContain(secret);
      expect(storeBytes).not.toContain(secret);
    }
    expect(exportText).toContain('sk-ant-…abcd');
  });

  it('leaves out traffic a live proxy would tunnel, unless asked to keep it', async () => {
    const page: Call = { method: 'GET', url: 'https://example.com/app.js', status: 200, responseHeaders: { 'content-type': 'text/javascript' }, responseBody: 'console.log(1)', startedAt: Date.UTC(2025, 0, 1), durationMs: 30 };
    const file = writeHar(harPath(), [page, ...toolRunnerCalls().slice(0, 2)], 'chrome');
    const dataDir = tempDataDir();
    expect((await importFiles(dataDir, file)).report).toMatchObject({ read: 3, imported: 2, notLlmTraffic: 1 });
    expect((await importFiles(dataDir, file, '--all-entries')).report).toMatchObject({ imported: 1, llmCalls: 0, duplicates: 2 });
  });

  it('says which running instance holds the data dir instead of writing beside it', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'instance.json'), JSON.stringify({ pid: process.pid, proxyUrl: 'http://127.0.0.1:8787', uiUrl: '', caCertPath: '', dataDir, startedAt: 0 }));
    const run = await runCli(['import', writeHar(harPath(), toolRunnerCalls(), 'chrome'), '--data-dir', dataDir]);
    expect(run.code).toBe(74);
    expect(run.stderr).toContain(`Threadtap is running on ${dataDir} (pid ${process.pid}, proxy http://127.0.0.1:8787)`);
    expect(run.stderr).toContain('stop it and run the import again');
  });
});
