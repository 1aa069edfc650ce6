// The intake journal: what the proxy's thread keeps of finished exchanges until capture reports them stored.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedExchange } from '../../../electron/core/capture/exchange-recorder';
import { intakeDir, openIntakeJournal } from '../../../electron/core/capture/intake-journal';
import { tempDataDir } from '../../helpers/engine-harness';

const logs: string[] = [];
const logger = { debug: () => {}, info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };

const exchange = (id: string, body = 'hello'): CapturedExchange => ({
  id,
  via: 'proxy',
  method: 'POST',
  url: 'https://api.openai.com/v1/chat/completions',
  requestHeaders: { 'content-type': 'application/json' },
  requestBody: { bytes: Buffer.from(body) },
  status: 200,
  state: 'complete',
  startedAt: 1,
  endedAt: 2,
});

describe('the intake journal', () => {
  it('hands what a killed run never reported stored to the next run, in order, once', async () => {
    const dataDir = tempDataDir();
    const first = openIntakeJournal(dataDir, logger);
    expect(first.leftover).toEqual([]);
    for (const id of ['a', 'b', 'c', 'd']) first.journal.append(exchange(id));
    first.journal.stored(2);
    expect(first.journal.backlog().count).toBe(2);
    // Not a clean stop: c and d were never reported stored, and (in one segment) a and b stay on disk with them.
    await first.journal.close();

    const second = openIntakeJournal(dataDir, logger);
    expect(second.leftover.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    // Carried into the new journal, numbered from 1 again, so that the worker's report covers them.
    expect(second.journal.backlog().count).toBe(4);
    second.journal.stored(4);
    await second.journal.close();
    expect(readdirSync(intakeDir(dataDir))).toEqual([]);
    expect(openIntakeJournal(dataDir, logger).leftover).toEqual([]);
  });

  it('keeps the whole records of a file whose last record a kill cut short, and warns of damage elsewhere', async () => {
    const dataDir = tempDataDir();
    const { journal } = openIntakeJournal(dataDir, logger);
    journal.append(exchange('whole', 'a body long enough to cut in two'));
    journal.append(exchange('cut', 'a body long enough to cut in two'));
    await journal.close();
    const [file] = readdirSync(intakeDir(dataDir));
    const path = join(intakeDir(dataDir), file);
    truncateSync(path, statSync(path).size - 10);
    logs.length = 0;
    const { leftover, journal: again } = openIntakeJournal(dataDir, logger);
    expect(leftover.map((x) => x.id)).toEqual(['whole']);
    expect(logs).toEqual([]);
    await again.close();

    const [next] = readdirSync(intakeDir(dataDir));
    writeFileSync(join(intakeDir(dataDir), next), Buffer.concat([Buffer.from('{"not a header\n'), readFileSync(join(intakeDir(dataDir), next))]));
    expect(openIntakeJournal(dataDir, logger).leftover).toEqual([]);
    expect(logs.join('\n')).toMatch(/1 unreadable record/);
  });

  it('deletes the files of what is stored while capture goes on, and measures the backlog in bytes', async () => {
    const dataDir = tempDataDir();
    const { journal } = openIntakeJournal(dataDir, logger);
    const big = 'x'.repeat(5 * 1024 * 1024);
    for (const id of ['one', 'two', 'three', 'four']) {
      journal.append(exchange(id, big));
      await new Promise((r) => setImmediate(r));
    }
    expect(journal.backlog().bytes).toBeGreaterThan(4 * big.length);
    await new Promise((r) => setTimeout(r, 50));
    const before = readdirSync(intakeDir(dataDir)).length;
    expect(before).toBeGreaterThan(1);
    journal.stored(2);
    expect(journal.backlog()).toMatchObject({ count: 2 });
    expect(journal.backlog().bytes).toBeLessThan(3 * big.length);
    await journal.close();
    const files = readdirSync(intakeDir(dataDir));
    expect(files.length).toBeLessThan(before);
    const kept = files.map((f) => readFileSync(join(intakeDir(dataDir), f), 'utf8')).join('');
    expect(kept).toContain('"id":"three"');
    expect(kept).not.toContain('"id":"one"');
  });
});
