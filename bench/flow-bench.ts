// Flow view benchmark in Debian's Chromium against the real engine: a 2,000-call run (main conversation, sub-agents
// started from its tool calls, side calls) seeded through the real store; measures the time from opening the Flow
// tab to the waterfall drawn, the draw time per frame and the frame interval while panning and zooming.
// Run alone: `npx tsx bench/flow-bench.ts` (prints JSON). Size: FLOW_BENCH_CALLS; FLOW_BENCH_SHOT=file.png saves the view.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import { openStore } from '../electron/core/store';
import type { InteractionRecord } from '../shared/interaction';
import type { Message } from '../shared/normalized';
import type { Placement } from '../shared/session';
import { ensureRendererBuilt, launchChromium } from '../test/e2e/browser';
import { percentile, round } from './stats';

export interface FlowBenchResult {
  calls: number;
  lanes: number;
  openFlowMs: number;
  drawMs: { median: number; p95: number; max: number };
  panFrameIntervalMs: { median: number; p95: number; max: number; frames: number };
  goals: { openFlowMs: 500; panFrameP95Ms: 33 };
  met: { open: boolean; pan: boolean };
}

const text = (role: Message['role'], t: string): Message => ({ role, parts: [{ type: 'text', text: t }] });

function record(id: string, at: number, placement: Placement, model: string, messages: Message[], tool?: string): InteractionRecord {
  const duration = 400 + ((id.length * 7919 + at) % 2600);
  const outputs: Message[] = [{ role: 'assistant', parts: tool ? [{ type: 'tool-call', id: `tc-${id}`, name: tool, arguments: { prompt: `work item ${id}` } }] : [{ type: 'text', text: 'Done.' }] }];
  return {
    id,
    exchange: {
      id,
      via: 'proxy',
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages',
      requestHeaders: { 'content-type': 'application/json', 'user-agent': 'claude-cli/2.0.14 (external, cli)' },
      status: 200,
      responseHeaders: { 'content-type': 'text/event-stream' },
      state: 'complete',
      startedAt: at,
      headersAt: at + 250,
      firstByteAt: at + 300,
      endedAt: at + duration,
    },
    parsed: {
      provider: 'anthropic',
      api: 'anthropic-messages',
      endpoint: '/v1/messages',
      model,
      request: { model, messages, params: { max_tokens: 4096 }, stream: true, sessionHints: {} },
      response: { model, outputs, usage: { inputTokens: 300, outputTokens: 120, cacheReadTokens: 9000 }, stopReason: tool ? 'tool-use' : 'end', streamed: true },
      notes: [],
    },
    placement,
  };
}

/** A run of `calls` calls: 60% main turns, 30% in sub-agents of 15 calls each, 10% side calls. */
async function seedRun(dataDir: string, calls: number): Promise<string> {
  const store = await openStore({ dataDir });
  const root = 'flow-main';
  const t0 = Date.now() - calls * 3000;
  const mainCount = Math.round(calls * 0.6);
  const subCount = Math.round(calls * 0.3 / 15);
  const sideCount = calls - mainCount - subCount * 15;
  let at = t0;
  let previous: string | null = null;
  let made = 0;
  for (let t = 0; t < mainCount; t++) {
    const id = `m-${t}`;
    const startsSub = t % Math.max(1, Math.floor(mainCount / Math.max(1, subCount))) === 0 && made < subCount;
    store.putInteraction(record(id, at, { sessionId: root, parentId: previous, kind: previous ? 'turn' : 'start' }, 'claude-sonnet-4-5', [text('user', `step ${t}`)], startsSub ? 'Task' : t % 3 ? 'Bash' : undefined));
    if (startsSub) {
      const sub = `sub-${made++}`;
      let subAt = at + 3500;
      let subPrev: string | null = null;
      for (let k = 0; k < 15; k++) {
        const sid = `${sub}-${k}`;
        const link = k === 0 ? { link: { parentSessionId: root, relation: 'subagent' as const, viaInteractionId: id, toolCallId: `tc-${id}` } } : {};
        store.putInteraction(record(sid, subAt, { sessionId: sub, parentId: subPrev, kind: subPrev ? 'turn' : 'start', ...link }, 'claude-sonnet-4-5', [text('user', `sub ${sid}`)], k < 14 ? 'Read' : undefined));
        subPrev = sid;
        subAt += 3200;
      }
    }
    if (t % Math.max(1, Math.floor(mainCount / Math.max(1, sideCount))) === 0 && t / Math.max(1, Math.floor(mainCount / sideCount)) < sideCount) {
      const sid = `side-${t}`;
      store.putInteraction(record(sid, at + 100, { sessionId: sid, parentId: null, kind: 'side', link: { parentSessionId: root, relation: 'side', viaInteractionId: id } }, 'claude-3-5-haiku', [text('user', 'quota')]));
    }
    previous = id;
    at += 4000;
  }
  await store.flush();
  await store.close();
  return root;
}

export async function benchFlow(options: { calls?: number } = {}): Promise<FlowBenchResult> {
  const calls = options.calls ?? Number(process.env.FLOW_BENCH_CALLS ?? 2000);
  const uiDir = ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-flowbench-'));
  const rootId = await seedRun(dataDir, calls);
  const engine = await startEngine({ dataDir, port: 0, uiPort: 0, uiDir, logger: silentLogger });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(engine.uiUrl);
    await page.getByTestId('session-row').first().waitFor({ timeout: 30_000 });
    // Strings, not functions: tsx's name-keeping helper (__name) does not exist inside the page.
    const drawn = `new Promise((resolve) => {
      const check = () => { const p = window.__threadtapFlow && window.__threadtapFlow.run; if (p && p.frames > 0 && p.layout.bars.length > 0) resolve(p.layout.bars.length); else requestAnimationFrame(check); };
      check();
    })`;
    // Warm once (bundle, engine caches), as a user's second open would be; then measure.
    await page.evaluate(`location.hash = '#/s/${rootId}/v/flow'`);
    await page.evaluate(drawn);
    await page.evaluate(`location.hash = '#/s/${rootId}'`);
    await page.getByTestId('turn-card').first().waitFor({ timeout: 30_000 });
    const openStart = Date.now();
    await page.evaluate(`location.hash = '#/s/${rootId}/v/flow'`);
    const bars = (await page.evaluate(drawn)) as number;
    const openFlowMs = Date.now() - openStart;
    const lanes = (await page.evaluate('window.__threadtapFlow.run.layout.lanes.length')) as number;
    if (process.env.FLOW_BENCH_SHOT) await page.screenshot({ path: process.env.FLOW_BENCH_SHOT });

    // Zoom in 8x so panning moves through dense bars, then drag across while recording every frame.
    const box = (await page.getByTestId('flow-canvas-run').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
    await page.evaluate(`window.__flowBench = { intervals: [], draws: [], last: performance.now(), on: true };
      (function tick(now) { const b = window.__flowBench; if (!b.on) return; b.intervals.push(now - b.last); b.last = now; b.draws.push(window.__threadtapFlow.run.lastDrawMs); requestAnimationFrame(tick); })(performance.now());`);
    await page.mouse.down();
    for (let i = 0; i < 120; i++) await page.mouse.move(box.x + box.width / 2 - (i % 60) * 12 * (i < 60 ? 1 : -1), box.y + 200 + (i % 20));
    await page.mouse.up();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, i < 5 ? 300 : -300);
    const sample = (await page.evaluate('(() => { const b = window.__flowBench; b.on = false; return { intervals: b.intervals.slice(2), draws: b.draws.slice(2) }; })()')) as { intervals: number[]; draws: number[] };
    const stats = (list: number[]) => ({ median: round(percentile(list, 50)), p95: round(percentile(list, 95)), max: round(Math.max(...list)) });
    const pan = stats(sample.intervals);
    return {
      calls: bars,
      lanes,
      openFlowMs,
      drawMs: stats(sample.draws),
      panFrameIntervalMs: { ...pan, frames: sample.intervals.length },
      goals: { openFlowMs: 500, panFrameP95Ms: 33 },
      met: { open: openFlowMs < 500, pan: pan.p95 < 33 },
    };
  } finally {
    await browser.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchFlow().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
