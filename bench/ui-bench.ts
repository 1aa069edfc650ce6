// UI benchmark in Debian's Chromium against the real engine: first render of the session list with 10,000
// sessions, opening a 2,000-turn session, and the delay from a captured event to its row in the list.
// Run alone: `npx tsx bench/ui-bench.ts` (prints JSON). Sizes: UI_BENCH_SESSIONS, UI_BENCH_TURNS.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import { ensureRendererBuilt, launchChromium } from '../test/e2e/browser';
import { startFakeUpstream } from '../test/helpers/fake-llm-upstream';
import { seedUiData } from './ui-seed';
import { percentile, round } from './stats';

export interface UiBenchResult {
  sessions: number;
  longSessionTurns: number;
  listFirstRenderMs: number;
  openLongSessionMs: number;
  eventToUiMs: { median: number; max: number; samples: number };
  goals: { listFirstRenderMs: 300; openLongSessionMs: 500; eventToUiMs: 250 };
  met: { list: boolean; open: boolean; live: boolean };
}

export async function benchUi(options: { sessions?: number; turns?: number } = {}): Promise<UiBenchResult> {
  const sessions = options.sessions ?? Number(process.env.UI_BENCH_SESSIONS ?? 10_000);
  const turns = options.turns ?? Number(process.env.UI_BENCH_TURNS ?? 2_000);
  const uiDir = ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-uibench-'));
  const { longSessionId } = await seedUiData(dataDir, sessions, turns);
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
    // Warm the browser's cache of the bundle and the engine's first request, as a user's second open would be.
    await page.goto(engine.uiUrl);
    await page.getByTestId('session-row').first().waitFor({ timeout: 30_000 });

    // 1. Session list: from navigation to the first rows painted.
    const listStart = Date.now();
    await page.reload();
    await page.getByTestId('session-row').first().waitFor({ timeout: 30_000 });
    const listFirstRenderMs = Date.now() - listStart;

    // 2. Open the long session: from the click to its first turn cards painted.
    const openStart = Date.now();
    await page.evaluate((id) => ((globalThis as unknown as BrowserGlobals).location.hash = `#/s/${id}`), longSessionId);
    await page.getByTestId('turn-card').first().waitFor({ timeout: 30_000 });
    const openLongSessionMs = Date.now() - openStart;

    // 3. A captured event to its row: the engine's emit time versus the moment the row appears in the page.
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobals).location.hash = '#/'));
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const marker = `bench-live-marker-${i}-${Date.now()}`;
      let emittedAt = 0;
      const off = engine.subscribe((event) => {
        if (event.type === 'interaction-started' && JSON.stringify(event.interaction.parsed.request?.messages ?? []).includes(marker)) emittedAt = Date.now();
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
      delays.push(appearedAt - emittedAt);
    }
    const median = percentile(delays, 50);
    return {
      sessions,
      longSessionTurns: turns,
      listFirstRenderMs,
      openLongSessionMs,
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

/** What page.evaluate callbacks touch in the browser; this file is typed for Node, without the DOM library. */
interface BrowserGlobals {
  location: { hash: string };
}
