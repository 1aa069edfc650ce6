// Picking several sessions in the list and exporting them together, in Chromium against the real engine: the
// checkbox and a Shift-click pick a range, the bar's "Export N sessions" downloads one file holding exactly those
// sessions, and a plain click still opens a session without changing the pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import type { SessionsExport } from '../../electron/core/export/json-export';
import type { Engine } from '../../electron/core/engine';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import { ensureRendererBuilt, launchChromium, SCREENSHOTS } from './browser';

const TOPICS = ['kelp forests', 'glacier caves', 'desert lichens', 'river deltas'];

let upstream: FakeUpstream;
let engine: Engine;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const uiDir = ensureRendererBuilt();
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream, { uiDir });
  const client = new OpenAI({ apiKey: 'sk-e2e-pick-export-00000000000000', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
  for (const topic of TOPICS) await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Describe ${topic}.` }] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  await upstream?.close();
});

const row = (topic: string) => page.getByTestId('session-row').filter({ hasText: topic });

describe('exporting picked sessions from the UI', () => {
  it('downloads one file with exactly the picked sessions', async () => {
    await page.goto(engine.uiUrl);
    for (const topic of TOPICS) await row(topic).waitFor({ timeout: 15_000 });
    // Newest first: river deltas, desert lichens, glacier caves, kelp forests.
    await row('river deltas').getByRole('checkbox').check();
    await row('glacier caves').click({ modifiers: ['Shift'] });
    const bar = page.getByTestId('picked-bar');
    await bar.getByRole('button', { name: 'Export 3 sessions' }).waitFor();
    // A plain click opens a session and leaves the pick alone.
    await row('kelp forests').click();
    await page.getByTestId('turn-card').first().waitFor();
    await bar.getByRole('button', { name: 'Export 3 sessions' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'ui-export-picked.png') });

    await bar.getByLabel('Export format').selectOption('json');
    const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: 'Export 3 sessions' }).click()]);
    expect(download.suggestedFilename()).toBe('threadtap-3-sessions.json');
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as SessionsExport;
    expect(doc.sessions.map((s) => s.title).sort()).toEqual(['Describe desert lichens.', 'Describe glacier caves.', 'Describe river deltas.']);
    expect(doc.sessions.every((s) => s.interactions.length === 1)).toBe(true);
  });
});
