// What the UI loads, and when, in Chromium against the real engine over a seeded store: the list's first page is
// requested by the page itself (before its script runs), views the first paint does not need arrive when first
// opened, and a long session opens at its newest turn without rendering its oldest turns first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startEngine, type Engine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { seedUiData } from '../../bench/ui-seed';
import { ensureRendererBuilt, launchChromium } from './browser';

const TURNS = 60;

let dataDir: string;
let engine: Engine;
let browser: Browser;
let page: Page;
/** Paths of the scripts the page has requested, in order. */
const scripts: string[] = [];

// Every turn card ever attached to the page, even if replaced before a frame. A string: tsx's name-keeping helper
// does not exist inside the page.
const CARD_PROBE = `(() => {
  const seen = (window.__cardsSeen = []);
  new MutationObserver(() => {
    for (const card of document.querySelectorAll('[data-testid="turn-card"]')) {
      const id = card.getAttribute('data-turn-id');
      if (!seen.includes(id)) seen.push(id);
    }
  }).observe(document, { subtree: true, childList: true });
})();`;

const requested = (chunk: string) => scripts.some((path) => path.startsWith(`/assets/${chunk}-`));

beforeAll(async () => {
  const uiDir = ensureRendererBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'threadtap-ui-load-'));
  await seedUiData(dataDir, 30, TURNS);
  engine = await startEngine({ dataDir, port: 0, uiPort: 0, uiDir, logger: silentLogger });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.addInitScript(CARD_PROBE);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('what the UI loads, and when', () => {
  it('requests the first page of the list once, through the page preload, not after its script has run', async () => {
    await page.goto(engine.uiUrl);
    await page.getByTestId('session-row').first().waitFor();
    const lists = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/api/sessions').map((e) => ({ url: new URL(e.name).pathname + new URL(e.name).search, initiator: e.initiatorType }))`,
    )) as { url: string; initiator: string }[];
    // One request: a fetch by the app to another URL, or one the preload does not match, would make two.
    expect(lists).toEqual([{ url: '/api/sessions?limit=100', initiator: 'link' }]);
    expect(await page.getByTestId('session-row').count()).toBeGreaterThan(5);
  });

  it('paints the list without loading the flow view, day view, inspector, compare or markdown code', async () => {
    expect(scripts.length).toBe(1);
    for (const chunk of ['flow-view', 'flow-canvas', 'day-view', 'inspector', 'compare-view', 'markdown-renderer']) expect(requested(chunk), chunk).toBe(false);
  });

  it('opens a long session at its newest turn, without rendering its oldest turns first', async () => {
    await page.getByTestId('session-row').filter({ hasText: 'Step 0:' }).click();
    const newest = page.locator(`[data-turn-id="long-${TURNS - 1}"]`);
    await newest.waitFor();
    // In view inside the timeline's scroller, not only attached somewhere below it.
    await expect
      .poll(async () => {
        const [card, timeline] = await Promise.all([newest.boundingBox(), page.getByTestId('timeline').boundingBox()]);
        return !!card && !!timeline && card.y < timeline.y + timeline.height && card.y + card.height > timeline.y;
      })
      .toBe(true);
    const seen = (await page.evaluate('window.__cardsSeen')) as string[];
    expect(seen).not.toContain('long-0');
    expect(seen.length).toBeLessThan(20);
    // Its answer's markdown follows the plain first paint: the code block is highlighted.
    await newest.locator('pre code.hljs').waitFor();
    expect(await newest.locator('pre code').textContent()).toContain(`expect(result).toBe(${TURNS - 1})`);
    expect(requested('markdown-renderer')).toBe(true);
    expect(requested('flow-view')).toBe(false);
  });

  it('loads the inspector, compare and the flow view when each is first opened', async () => {
    const card = page.locator(`[data-turn-id="long-${TURNS - 1}"]`);
    await card.getByRole('button', { name: 'Inspect' }).click();
    await page.getByTestId('inspector').waitFor();
    expect(requested('inspector')).toBe(true);
    expect(requested('compare-view')).toBe(false);
    await page.keyboard.press('Escape');

    await card.getByRole('button', { name: 'Compare with previous' }).click();
    await page.getByTestId('compare-view').waitFor();
    expect(requested('compare-view')).toBe(true);
    await page.keyboard.press('Escape');

    expect(requested('flow-view')).toBe(false);
    await page.getByRole('tab', { name: 'Flow' }).click();
    await page.getByTestId('flow-summary').waitFor();
    expect(requested('flow-view')).toBe(true);
    expect(requested('day-view')).toBe(false);
    await page.getByRole('button', { name: 'Day view' }).click();
    await page.getByTestId('day-view').waitFor();
    expect(requested('day-view')).toBe(true);
  });
});
