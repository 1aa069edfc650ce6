// The waterfall outside the app, as the self-contained HTML export embeds it: shared/flow-embed.ts bundled into one
// IIFE, a canvas, and the run's FlowData inline; no server, no React.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import type { FlowCall, FlowData } from '../../shared/flow-data';
import { launchChromium, REPO, SCREENSHOTS } from './browser';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
}, 30_000);
afterAll(async () => browser?.close());

const T = 1_700_000_000_000;
const call = (id: string, sessionId: string, start: number, end: number, extra: Partial<FlowCall> = {}): FlowCall => ({
  id, sessionId, parentId: null, kind: 'turn', state: 'complete', status: 200, startedAt: T + start, firstByteAt: T + start + 300, endedAt: T + end,
  model: 'claude-sonnet-4-5', usage: { inputTokens: 400, outputTokens: 90, cacheReadTokens: 8000 }, costUsd: 0.004, toolCalls: [], toolResults: [], ...extra,
});

describe('the embeddable waterfall', () => {
  it('draws a run from plain data on a bare canvas, and names the bar under the pointer', async () => {
    const bundle = await build({ entryPoints: [join(REPO, 'shared/flow-embed.ts')], bundle: true, format: 'iife', globalName: 'ThreadtapFlow', minify: true, write: false });
    const script = bundle.outputFiles[0].text;
    expect(script.length).toBeLessThan(30_000);
    const data: FlowData = {
      seq: 0,
      rootId: 'main',
      sessions: [
        { id: 'main', title: 'Fix the flaky test', parentSessionId: null, relation: null },
        { id: 'sub', title: 'Find the flaky test', parentSessionId: 'main', relation: 'subagent', viaInteractionId: 'm1' },
        { id: 'side', title: 'quota', parentSessionId: 'main', relation: 'side', viaInteractionId: 'm1' },
      ],
      calls: [
        call('m1', 'main', 0, 2000, { toolCalls: [{ id: 't', name: 'Task' }] }),
        call('s1', 'sub', 2200, 4000),
        call('s2', 'sub', 4500, 6000),
        call('x', 'side', 2100, 2150, { model: 'claude-3-5-haiku' }),
        call('m2', 'main', 6200, 6900, { status: 500, errorMessage: 'overloaded' }),
        call('m3', 'main', 7100, 9800, { kind: 'retry' }),
      ],
    };
    const html = `<!doctype html><meta charset="utf-8"><body style="margin:0"><canvas id="flow" style="display:block;width:1000px;height:160px"></canvas>
<script type="application/json" id="flow-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
<script>${script}</script>
<script>window.flowHandle = ThreadtapFlow.mountFlow(document.getElementById('flow'), JSON.parse(document.getElementById('flow-data').textContent), { devicePixelRatio: window.devicePixelRatio });</script>`;
    const page = await browser.newPage({ viewport: { width: 1000, height: 160 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(html);
    expect(errors).toEqual([]);
    // Something was drawn: the canvas is not one flat colour.
    const colours = (await page.evaluate(`(() => { const c = document.getElementById('flow'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const s = new Set(); for (let i = 0; i < d.length; i += 4 * 97) s.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]); return s.size; })()`)) as number;
    expect(colours).toBeGreaterThan(10);
    // The first bar (main lane, 0..2 s) sits just right of the 210 px label gutter, in the first lane.
    await page.mouse.move(260, 24 + 6 + 11);
    expect(await page.evaluate(`document.getElementById('flow').title`)).toMatch(/claude-sonnet-4-5 · 2000 ms \(TTFT 300 ms\) · 8400 in \/ 90 out/);
    await page.screenshot({ path: join(SCREENSHOTS, 'flow-embed.png') });
    await page.close();
  });
});
