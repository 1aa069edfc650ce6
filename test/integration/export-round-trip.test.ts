// Export, import into a fresh data dir, export again: the same sessions, ids, parents, kinds and bodies. Through the
// real CLI, on traffic captured by the real engine and on the recorded tool loops imported from a HAR.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import type { SessionsExport } from '../../electron/core/export/json-export';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { runCli, startTestEngine, tempDataDir } from '../helpers/engine-harness';
import { driveEngine, importedToolLoops, workFile } from '../core/export/export-traffic';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(doc: unknown): Promise<boolean> };

let upstream: FakeUpstream;
let engine: Engine;
let loopsDir: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  await driveEngine(engine);
  loopsDir = await importedToolLoops();
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

async function exportTo(dataDir: string, format: string, ...extra: string[]): Promise<string> {
  const out = workFile(`export.${format}`);
  const run = await runCli(['export', '--all', '--format', format, '--out', out, '--data-dir', dataDir, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

async function importInto(file: string): Promise<string> {
  const dataDir = tempDataDir();
  const run = await runCli(['import', file, '--data-dir', dataDir]);
  expect(run.code, run.stderr).toBe(0);
  return dataDir;
}

/** Everything but the export time. */
function comparable(file: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as SessionsExport;
  // The redaction summary differs by design: a second export of already redacted data finds nothing to replace.
  return { ...doc, exportedAt: undefined, redaction: undefined };
}

describe.each([
  ['traffic captured by the engine', () => engine.dataDir],
  ['recorded tool loops imported from a HAR', () => loopsDir],
])('export round trips of %s', (_name, dataDir) => {
  it('JSON export -> import into a fresh data dir -> JSON export gives the same document', async () => {
    const first = await exportTo(dataDir(), 'json');
    const doc = comparable(first);
    expect(doc.sessions.length).toBeGreaterThan(1);
    const again = await exportTo(await importInto(first), 'json');
    expect(comparable(again)).toEqual(doc);
  });

  it('HAR export is valid HAR 1.2 and imports back into the same sessions, ids, parents and kinds', async () => {
    const har = await exportTo(dataDir(), 'har');
    const parsed = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: Record<string, unknown>[] } };
    // har-validator resolves with the document when it is valid and rejects with the schema errors when not.
    await expect(harValidator.har(parsed)).resolves.toBeTruthy();
    for (const entry of parsed.log.entries) {
      expect(entry).toMatchObject({ _threadtapId: expect.any(String), timings: { wait: expect.any(Number), receive: expect.any(Number) } });
    }
    const original = comparable(await exportTo(dataDir(), 'json'));
    const back = comparable(await exportTo(await importInto(har), 'json'));
    const shape = (doc: Pick<SessionsExport, 'sessions'>) =>
      doc.sessions.map((s) => ({ id: s.id, parent: s.parentSessionId, relation: s.relation, calls: s.interactions.map((i) => [i.id, i.parentId, i.kind, i.request.body, i.output]) }));
    expect(shape(back)).toEqual(shape(original));
  });
});

describe('export formats', () => {
  it('keeps streamed responses as their raw event text in HAR and JSON', async () => {
    const har = JSON.parse(readFileSync(await exportTo(engine.dataDir, 'har'), 'utf8')) as { log: { entries: { response: { content: { mimeType: string; text?: string } } }[] } };
    const streamed = har.log.entries.filter((e) => e.response.content.mimeType.startsWith('text/event-stream'));
    expect(streamed.length).toBeGreaterThan(0);
    for (const e of streamed) expect(e.response.content.text).toMatch(/^(event|data): /m);
    const doc = comparable(await exportTo(engine.dataDir, 'json'));
    const withStream = doc.sessions.flatMap((s) => s.interactions).filter((i) => i.response?.stream);
    expect(withStream.every((i) => typeof i.response?.streamText === 'string' && i.response.streamText.includes('data: '))).toBe(true);
  });

  it('writes a Markdown transcript with per-turn new messages, tool calls and results, model, tokens and cost', async () => {
    const md = readFileSync(await exportTo(loopsDir, 'md'), 'utf8');
    expect(md).toMatch(/^# Threadtap export/);
    expect(md).toMatch(/### 1\. start · claude-opus-4-8 · HTTP 200 · 4\.0 s · 415 in \/ 76 out tokens · \$0\.\d+/);
    expect(md).toContain('**Tool call** `test_tool`');
    expect(md).toContain('**Tool result**');
    expect(md).toContain('_2 earlier messages of the history not repeated._');
    expect(md).toMatch(/- Cost: \$\d/);
  });

  it('selects sessions by id (with their linked sessions), --since and --search, and names unknown ids', async () => {
    const all = comparable(await exportTo(loopsDir, 'json'));
    const parent = all.sessions.find((s) => all.sessions.some((c) => c.parentSessionId === s.id))!;
    const byId = await runCli(['export', parent.id, '--data-dir', loopsDir]);
    expect((JSON.parse(byId.stdout) as SessionsExport).sessions.map((s) => s.parentSessionId ?? s.id).every((id) => id === parent.id)).toBe(true);
    expect((JSON.parse(byId.stdout) as SessionsExport).sessions).toHaveLength(2);
    const search = await runCli(['export', '--search', 'count 1', '--data-dir', loopsDir]);
    expect((JSON.parse(search.stdout) as SessionsExport).sessions.map((s) => s.title)).toEqual(['Use the test_tool with count 1, then use it again with count 2']);
    const since = await runCli(['export', '--since', '2099-01-01', '--data-dir', loopsDir]);
    expect((JSON.parse(since.stdout) as SessionsExport).sessions).toEqual([]);
    const missing = await runCli(['export', 'no-such-session', '--data-dir', loopsDir]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no session no-such-session');
  });
});
