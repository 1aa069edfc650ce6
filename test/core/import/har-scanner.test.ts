import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotHarError, scanHar, type ScannedEntry } from '../../../electron/core/import';

const dir = mkdtempSync(join(tmpdir(), 'threadtap-scan-'));
let n = 0;
const file = (content: string | Buffer) => {
  const path = join(dir, `f${n++}.har`);
  writeFileSync(path, content);
  return path;
};

async function scan(path: string) {
  const entries: ScannedEntry[] = [];
  const result = await scanHar(path, (e) => entries.push(e));
  return { entries, result };
}

const HAR = JSON.stringify(
  { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ id: 'p' }], entries: [{ a: 'é ✓ 😀' }, { b: [1, { c: '\\"}' }] }] } },
  null,
  2,
);

describe('scanHar', () => {
  it('hands over each entry with the byte range that reads it back, across multi-byte text', async () => {
    const path = file(HAR);
    const { entries, result } = await scan(path);
    expect(result).toEqual({ entries: 2, creator: 'WebInspector' });
    const bytes = readFileSync(path);
    for (const e of entries) expect(JSON.parse(bytes.subarray(e.start, e.end).toString('utf8'))).toEqual(e.value);
    expect(entries.map((e) => e.creator)).toEqual(['WebInspector', 'WebInspector']);
  });

  it('counts a byte order mark in the offsets', async () => {
    const path = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HAR)]));
    const { entries } = await scan(path);
    const bytes = readFileSync(path);
    expect(JSON.parse(bytes.subarray(entries[1].start, entries[1].end).toString())).toEqual(entries[1].value);
  });

  it('reads entries spread over many read chunks', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const path = file(JSON.stringify({ log: { entries: [{ big }, { small: 1 }, { big }] } }));
    const { entries } = await scan(path);
    expect(entries).toHaveLength(3);
    expect(entries[2].start).toBeGreaterThan(3 * 1024 * 1024);
    expect(JSON.parse(readFileSync(path).subarray(entries[1].start, entries[1].end).toString())).toEqual({ small: 1 });
  });

  it('accepts a HAR with no entries', async () => {
    expect((await scan(file('{"log":{"version":"1.2","entries":[]}}'))).result.entries).toBe(0);
  });

  it('keeps the entries before the point where a file breaks off', async () => {
    const { entries, result } = await scan(file(HAR.slice(0, HAR.indexOf('"b"'))));
    expect(entries).toHaveLength(1);
    expect(result.broken?.message).toMatch(/truncated/);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['plain text', 'hello world', /not readable as JSON/],
    ['a JSON array', '[{"log":{}}]', /JSON array/],
    ['a JSON value', '42', /single JSON value/],
    ['a Threadtap JSON export', '{"format":"threadtap.sessions","version":1,"sessions":[]}', /Threadtap JSON export .* import reads HAR files/],
    ['another JSON document', '{"format":"x","threadtap.sessions":[]}', /no top-level "log"/],
    ['a log without entries', '{"log":{"version":"1.2"}}', /no "entries"/],
  ])('refuses %s as not a HAR file', async (_name, content, reason) => {
    const error = await scan(file(content)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotHarError);
    expect((error as Error).message).toMatch(reason);
  });
});
