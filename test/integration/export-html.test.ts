// The HTML export opened in headless Chromium with every request blocked: it renders the timeline from the file
// alone, attempts no request at all, folds and unfolds turns, and shows raw bodies on demand.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { REPO_ROOT, runCli, startTestEngine } from '../helpers/engine-harness';
import { driveEngine, importedToolLoops, workFile } from '../core/export/export-traffic';

let upstream: FakeUpstream;
let engine: Engine;
let browser: Browser;
let loopsDir: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  await driveEngine(engine);
  loopsDir = await importedToolLoops();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  await upstream?.close();
});

async function exportHtml(dataDir: string): Promise<string> {
  const out = workFile('export.html');
  const run = await runCli(['export', '--all', '--format', 'html', '--out', out, '--data-dir', dataDir]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

async function open(file: string, screenshot: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
  const target = pathToFileURL(file).href;
  const attempted: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Only the file itself may load; anything else it tried would be recorded and refused.
  await page.route('**/*', (route) => {
    if (route.request().url() === target) return route.continue();
    attempted.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== target) attempted.push(r.url());
  });
  await page.goto(target);
  await page.waitForSelector('body[data-rendered]');
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', screenshot) });
  return { page, attempted, errors };
}

describe('HTML export', () => {
  it('renders the recorded tool loops as a timeline with no network request', async () => {
    const { page, attempted, errors } = await open(await exportHtml(loopsDir), 'export-html-tool-loops.png');
    expect(errors).toEqual([]);
    expect(await page.getAttribute('body', 'data-rendered')).toBe('10');
    expect(await page.locator('section.session').count()).toBe(5);
    expect(await page.locator('details.turn').count()).toBe(10);
    await expect(page.locator('details.turn').first().locator('.msg.user').first().textContent()).resolves.toContain('Use the test_tool with value');
    // The flow view is drawn into the file too: one waterfall per run, its lanes from the exported sessions.
    const runs = JSON.parse((await page.locator('#tt-flow-data').textContent()) ?? '[]') as { rootId: string; sessions: unknown[]; calls: unknown[] }[];
    expect(runs.reduce((n, run) => n + run.calls.length, 0)).toBe(10);
    expect(await page.locator('canvas[data-flow-root]').count()).toBe(runs.length);
    const painted = await page.locator('canvas[data-flow-root]').first().evaluate((canvas) => {
      const c = canvas as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const distinct = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4 * 97) distinct.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      return distinct.size;
    });
    expect(painted).toBeGreaterThan(3);
    // Collapse all, then open one turn and its raw request.
    await page.click('#collapse');
    expect(await page.locator('details.turn[open]').count()).toBe(0);
    await page.locator('details.turn > summary').first().click();
    await page.locator('details.turn').first().locator('details.raw > summary').first().click();
    await expect(page.locator('details.turn').first().locator('pre.raw-head').textContent()).resolves.toContain('POST https://api.anthropic.com/v1/messages');
    expect(attempted).toEqual([]);
    await page.close();
  });

  it('renders traffic captured by the engine, streamed answers included, with no network request', async () => {
    const { page, attempted, errors } = await open(await exportHtml(engine.dataDir), 'export-html-engine.png');
    expect(errors).toEqual([]);
    expect(Number(await page.getAttribute('body', 'data-rendered'))).toBeGreaterThanOrEqual(5);
    expect(await page.locator('text=What is the capital of France?').count()).toBeGreaterThan(0);
    expect(await page.locator('.msg.assistant').count()).toBeGreaterThan(0);
    expect(attempted).toEqual([]);
    await page.close();
  });

  it('cannot be broken out of by captured content that looks like markup', async () => {
    const file = await exportHtml(loopsDir);
    const { page } = await open(file, 'export-html-escape.png');
    // Only the two renderers run (the flow view, then the timeline): every captured body sits in an inert JSON
    // block whose `<` is escaped.
    expect(await page.locator('script:not([type])').count()).toBe(2);
    expect(await page.locator('script.tt-turn').count()).toBe(10);
    await page.close();
  });
});
