// UI benchmark in Debian's Chromium against the real engine: first render of the session list with 10,000
// sessions, opening a 2,000-turn session, and the delay from a captured event to its row in the list.
// Run alone: `npx tsx bench/ui-bench.ts` (prints JSON). Sizes: UI_BENCH_SESSIONS, UI_BENCH_TURNS; UI_BENCH_RUNS reloads
// (each followed by opening the long session), medians reported.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt, launchChromium } from '../test/e2e/browser';
import { startFakeUpstream } from '../test/helpers/fake-llm-upstream';
import { seedUiData } from './ui-seed';
import { percentile, round } from './stats';

export interface UiBenchResult {
  sessions: number;
  longSessionTurns: number;
  /** Median over `runs` reloads: from the reload's navigation start to the first session row painted. */
  listFirstRenderMs: number;
  /** Median over `runs` opens (each right after a reload): from the route change to the newest turn's card painted. */
  openLongSessionMs: number;
  runs: {
    /** Per run, as measured in the page (Element Timing's paint time). */
    listPaintMs: number[];
    openPaintMs: number[];
    /** Per run, as seen from the bench: from the command to Playwright seeing the element, round trips included. */
    listOuterMs: number[];
    openOuterMs: number[];
    /** Per run, the part spent on the API request (its start to its response's end, Resource Timing), and what
     * the page took after it (the response's end to the paint). */
    listApiMs: number[];
    listAfterApiMs: number[];
    openApiMs: number[];
    openAfterApiMs: number[];
  };
  eventToUiMs: { median: number; max: number; samples: number };
  goals: { listFirstRenderMs: 300; openLongSessionMs: 500; eventToUiMs: 250 };
  met: { list: boolean; open: boolean; live: boolean };
}

// Paint times come from Element Timing: the renderer marks a session row's title and a turn card's number with
// `elementtiming`, and Chromium reports when that text was first painted. An element attached and replaced before
// a frame (the timeline's first turns, before it scrolls to the end) is never painted and never counted.
const PAINT_PROBE = `(() => {
  const paints = (window.__paints = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const card = e.element && e.element.closest('[data-turn-id]');
      paints.push({ id: e.identifier, at: e.renderTime || e.loadTime, turnId: card ? card.getAttribute('data-turn-id') : undefined });
    }
  }).observe({ type: 'element', buffered: true });
})();`;

/** Waits until `expression` (evaluated in the page) is truthy: a paint, a request's timing. A string, not a
 * function: tsx's name-keeping helper (__name) does not exist inside the page; and evaluated as a whole rather than
 * through waitForFunction, whose `new Function` the page's CSP refuses. */
async function until(page: Page, expression: string): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const deadline = performance.now() + 30000;
    const poll = () => (${expression}) ? resolve(true) : performance.now() > deadline ? reject(new Error('not painted: ' + ${JSON.stringify(expression)})) : setTimeout(poll, 10);
    poll();
  })`);
}

export async function benchUi(options: { sessions?: number; turns?: number; runs?: number } = {}): Promise<UiBenchResult> {
  const sessions = options.sessions ?? Number(process.env.UI_BENCH_SESSIONS ?? 10_000);
  const turns = options.turns ?? Number(process.env.UI_BENCH_TURNS ?? 2_000);
  const runs = options.runs ?? Number(process.env.UI_BENCH_RUNS ?? 5);
  // UI_BENCH_UI_DIR: another built renderer (an earlier build kept aside), to compare two builds in one period.
  const uiDir = process.env.UI_BENCH_UI_DIR ?? ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-uibench-'));
  const { longSessionId, lastTurnId } = await seedUiData(dataDir, sessions, turns);
  const upstream = await startFakeUpstream();
  const engine = await startEngine({
    dataDir,
    port: 0,
    uiPort: 0,
    uiDir,
    map: [`api.openai.com=${upstream.url}`],
    upstreamCa: [upstream.pki.caPath],
    logger: silentLogger,
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(PAINT_PROBE);
    // Warm the browser's cache of the bundle and the engine's first request, as a user's second open would be.
    await page.goto(engine.uiUrl);
    await page.getByTestId('session-row').first().waitFor({ timeout: 30_000 });

    const listPaintMs: number[] = [];
    const listOuterMs: number[] = [];
    const openPaintMs: number[] = [];
    const openOuterMs: number[] = [];
    const listApiMs: number[] = [];
    const listAfterApiMs: number[] = [];
    const openApiMs: number[] = [];
    const openAfterApiMs: number[] = [];
    // Resource Timing entries are queued after the response ends, so one may not be there yet at the paint.
    const request = async (path: string, after: number) => {
      const found = `performance.getEntriesByType('resource').find((e) => e.name.endsWith(${JSON.stringify(path)}) && e.startTime >= ${after})`;
      await until(page, found);
      return (await page.evaluate(`(({ startTime, responseEnd }) => ({ start: startTime, end: responseEnd }))(${found})`)) as { start: number; end: number };
    };
    for (let run = 0; run < runs; run++) {
      // 1. Session list: from the reload's navigation start to the first row painted.
      // Reload the list alone: the previous run's open left the session in the address (#/s/…).
      await page.evaluate(`history.replaceState(null, '', location.pathname)`);
      const listStart = Date.now();
      await page.reload();
      await until(page, `window.__paints.find((p) => p.id === 'session-row')`);
      listOuterMs.push(Date.now() - listStart);
      const listPaint = (await page.evaluate(`window.__paints.find((p) => p.id === 'session-row').at`)) as number;
      listPaintMs.push(Math.round(listPaint));
      const listRequest = await request('/api/sessions?limit=100', 0);
      listApiMs.push(Math.round(listRequest.end - listRequest.start));
      listAfterApiMs.push(Math.round(listPaint - listRequest.end));

      // 2. Open the long session: from the route change to its newest turn painted (it opens following the end).
      const openStart = Date.now();
      const routedAt = (await page.evaluate(`(() => { const at = performance.now(); location.hash = ${JSON.stringify(`#/s/${longSessionId}`)}; return at; })()`)) as number;
      const newest = `window.__paints.find((p) => p.id === 'turn-card' && p.turnId === ${JSON.stringify(lastTurnId)})`;
      await until(page, newest);
      openOuterMs.push(Date.now() - openStart);
      const openPaint = (await page.evaluate(`${newest}.at`)) as number;
      openPaintMs.push(Math.round(openPaint - routedAt));
      const openRequest = await request(`/api/sessions/${longSessionId}`, routedAt);
      openApiMs.push(Math.round(openRequest.end - openRequest.start));
      openAfterApiMs.push(Math.round(openPaint - openRequest.end));
    }
    const listFirstRenderMs = percentile(listPaintMs, 50);
    const openLongSessionMs = percentile(openPaintMs, 50);

    // 3. A captured event to its row: the engine's emit time versus the moment the row appears in the page.
    await page.evaluate(`location.hash = '#/'`);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const marker = `bench-live-marker-${i}-${Date.now()}`;
      let emittedAt = 0;
      // The first event that carries the marker: a start is sometimes announced before its request is parsed.
      const off = engine.subscribe((event) => {
        if (!emittedAt && (event.type === 'interaction-started' || event.type === 'interaction-completed') && JSON.stringify(event.interaction).includes(marker)) emittedAt = Date.now();
      });
      // A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
      const seen = page.evaluate(`new Promise((resolve) => {
        const text = ${JSON.stringify(marker)};
        const check = () => [...document.querySelectorAll('[data-testid="session-row"]')].some((el) => el.textContent.includes(text));
        if (check()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (check()) { observer.disconnect(); resolve(Date.now()); }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      })`) as Promise<number>;
      await fetch(`${engine.proxyUrl}/openai/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: marker }] }),
      }).then((r) => r.text());
      const appearedAt = await seen;
      off();
      if (emittedAt) delays.push(appearedAt - emittedAt);
    }
    const median = percentile(delays, 50);
    return {
      sessions,
      longSessionTurns: turns,
      listFirstRenderMs,
      openLongSessionMs,
      runs: { listPaintMs, openPaintMs, listOuterMs, openOuterMs, listApiMs, listAfterApiMs, openApiMs, openAfterApiMs },
      eventToUiMs: { median: round(median), max: Math.max(...delays), samples: delays.length },
      goals: { listFirstRenderMs: 300, openLongSessionMs: 500, eventToUiMs: 250 },
      met: { list: listFirstRenderMs < 300, open: openLongSessionMs < 500, live: median < 250 },
    };
  } finally {
    await browser.close();
    await engine.stop();
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchUi().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

