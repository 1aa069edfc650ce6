// Our HAR against what Chrome DevTools' HAR importer reads (devtools-har-schema.ts, written from devtools-frontend's
// HARFormat.ts and Importer.ts): every object it descends into present, every number it requires a number, every
// date parseable, the resource type one it knows. Through the real CLI, on traffic captured by the real engine
// (streamed and not, a tool loop, a query-string key) and on the recorded tool loops imported from a HAR.

import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useTestEngine } from '../helpers/engine-harness';
import { driveEngine, importedToolLoops, workFile } from '../core/export/export-traffic';
import { DEVTOOLS_HAR_SCHEMA } from './devtools-har-schema';

const validate = new Ajv({ allErrors: true }).compile(DEVTOOLS_HAR_SCHEMA);
const problems = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));

const live = useTestEngine();
let loopsDir: string;

beforeAll(async () => {
  await driveEngine(live.engine);
  loopsDir = await importedToolLoops();
}, 60_000);

type HarEntry = { request: { postData?: unknown }; response: { content: { mimeType: string; text?: string } } };

async function exportHar(dataDir: string): Promise<{ log: { entries: HarEntry[] } }> {
  const out = workFile('devtools.har');
  const run = await runCli(['export', '--all', '--format', 'har', '--out', out, '--data-dir', dataDir]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as { log: { entries: HarEntry[] } };
}

describe.each([
  ['traffic captured by the engine', () => live.engine.dataDir],
  ['recorded tool loops imported from a HAR', () => loopsDir],
])('HAR export of %s', (_name, dataDir) => {
  it('has every field Chrome DevTools reads, of the type it needs', async () => {
    const har = await exportHar(dataDir());
    expect(har.log.entries.length).toBeGreaterThan(1);
    expect(problems(har)).toEqual([]);
  });
});

describe('the DevTools schema', () => {
  it('catches what would make the DevTools import throw', async () => {
    const har = await exportHar(live.engine.dataDir);
    // A streamed answer is among them, as its raw event text.
    expect(har.log.entries.some((e) => e.response.content.mimeType.startsWith('text/event-stream') && e.response.content.text?.includes('data:'))).toBe(true);
    const [first] = har.log.entries as unknown as Record<string, Record<string, unknown>>[];
    const broken = (change: (entry: Record<string, Record<string, unknown>>) => void) => {
      const entry = structuredClone(first);
      change(entry);
      return problems({ ...har, log: { ...har.log, entries: [entry] } });
    };
    expect(broken((e) => delete e.time)).not.toEqual([]);
    expect(broken((e) => (e.startedDateTime = 'yesterday' as never))).not.toEqual([]);
    expect(broken((e) => delete e.response.content)).not.toEqual([]);
    expect(broken((e) => delete e.timings.wait)).not.toEqual([]);
    expect(broken((e) => (e._initiator = null as never))).not.toEqual([]);
    expect(broken((e) => (e._resourceType = 'llm' as never))).not.toEqual([]);
  });
});
