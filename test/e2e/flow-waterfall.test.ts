// The flow view in Chromium against the real engine: a Claude-Code-shaped run (sub-agent, side call, a 500 and its
// retry, a failing tool, a last answer still streaming) laid out as lanes and bars where the data says, hover and
// click, zoom and pan, the summary, and the day view with a second run in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FlowData } from '../../shared/flow-data';
import type { FlowLayout } from '../../shared/flow-layout';
import type { FlowViewport } from '../../shared/flow-viewport';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import { ensureRendererBuilt, launchChromium, SCREENSHOTS } from './browser';
import { agentRunUpstream, runAgent } from './flow-agent-run';

let upstream: FakeUpstream;
let engine: Engine;
let browser: Browser;
let page: Page;
let script: ReturnType<typeof agentRunUpstream>;
let agent: Promise<void>;
let lastStarted: Promise<void>;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `flow-${name}.png`) });
const api = async <T,>(path: string): Promise<T> => {
  const url = new URL(engine.uiUrl);
  const res = await fetch(url.origin + path, { headers: { authorization: `Bearer ${url.searchParams.get('token')}` } });
  return (await res.json()) as T;
};
// Strings, not functions: tsx's name-keeping helper does not exist inside the page.
const probe = <T,>(expr: string) => page.evaluate(`(() => { const p = window.__threadtapFlow && window.__threadtapFlow.run; return p ? ${expr} : undefined; })()`) as Promise<T>;
const layout = () => probe<FlowLayout>('JSON.parse(JSON.stringify(p.layout))');
const viewport = () => probe<FlowViewport>('({ ...p.viewport })');
const barPoint = (id: string) => probe<{ x: number; y: number }>(`p.barPoint(${JSON.stringify(id)})`);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const uiDir = ensureRendererBuilt();
  script = agentRunUpstream();
  upstream = await startFakeUpstream({ extraRoute: script.route });
  engine = await startTestEngine(upstream, { uiDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 820 } });
  lastStarted = new Promise((resolve) => {
    agent = runAgent(engine.proxyUrl, { onLastStarted: resolve });
  });
  await lastStarted;
}, 60_000);

afterAll(async () => {
  script?.release();
  await agent?.catch(() => undefined);
  await browser?.close();
  await engine?.stop();
  await upstream?.close();
});

describe('the flow view in Chromium', () => {
  let flow: FlowData;
  const ids: { root: string; sub: string; side: string } = { root: '', sub: '', side: '' };

  it('lays the run out as lanes: main, its side calls, the sub-agent nested under the tool call that started it', async () => {
    type List = { sessions: { id: string; children: unknown[] }[] };
    // Capture reaches the API a moment after the proxy forwarded a call: wait for the sub-agent and side call to be
    // linked and for the live call to be there.
    await expect
      .poll(async () => {
        const root = (await api<List>('/api/sessions')).sessions[0];
        if (root?.children.length !== 2) return false;
        flow = await api<FlowData>(`/api/sessions/${root.id}/flow`);
        return flow.calls.some((call) => call.state === 'pending' || call.state === 'streaming');
      })
      .toBe(true);
    ids.root = flow.rootId;
    ids.sub = flow.sessions.find((s) => s.relation === 'subagent')!.id;
    ids.side = flow.sessions.find((s) => s.relation === 'side')!.id;

    await page.goto(engine.uiUrl);
    await page.evaluate(`location.hash = '#/s/${ids.root}/v/flow'`);
    await page.getByTestId('flow-view').waitFor();
    const lanes = page.getByTestId('flow-lane');
    await expect.poll(() => lanes.count()).toBe(3);
    const described = await lanes.evaluateAll((els) => els.map((el) => [el.getAttribute('data-kind'), el.getAttribute('data-depth'), el.getAttribute('data-bars')]));
    // The last main call is still streaming and already has its bar.
    expect(described).toEqual([
      ['main', '0', '5'],
      ['side', '1', '1'],
      ['subagent', '1', '2'],
    ]);
    expect(await lanes.nth(2).getAttribute('data-lane-id')).toBe(ids.sub);
  });

  it('puts every bar where the data says: start to last byte, TTFT, tinted for the 500, the retry and the live call', async () => {
    const model = (await layout())!;
    const byId = new Map(model.bars.map((b) => [b.id, b]));
    for (const call of flow.calls) {
      const bar = byId.get(call.id)!;
      expect(bar.start).toBe(call.startedAt);
      if (call.endedAt !== undefined) expect(bar.end).toBe(call.endedAt);
      if (call.firstByteAt !== undefined) expect(bar.firstByte).toBe(call.firstByteAt);
    }
    const main = flow.calls.filter((c) => c.sessionId === ids.root).sort((a, b) => a.startedAt - b.startedAt);
    expect(main.map((c) => byId.get(c.id)!.outcome)).toEqual(['ok', 'failed', 'retry', 'ok', 'in-flight']);
    expect(byId.get(flow.calls.find((c) => c.sessionId === ids.side)!.id)!.mark).toBe(true);
    // The link runs from the Task call to the sub-agent's first call, and bars of a lane never overlap on one row.
    const subFirst = flow.calls.filter((c) => c.sessionId === ids.sub).sort((a, b) => a.startedAt - b.startedAt)[0];
    expect(model.links).toHaveLength(1);
    expect(model.links[0]).toMatchObject({ fromBarId: main[0].id, toLaneIndex: 2, toTime: subFirst.startedAt });
    expect(model.gaps.filter((g) => g.laneIndex === 0).length).toBeGreaterThanOrEqual(3);
    await shot('waterfall-live');
  });

  it('keeps drawing while a call is in flight, and settles its bar when the stream ends', async () => {
    const before = (await probe<number>('p.frames'))!;
    await page.waitForTimeout(300);
    expect((await probe<number>('p.frames'))!).toBeGreaterThan(before + 5);
    script.release();
    await agent;
    const lastId = flow.calls.filter((c) => c.sessionId === ids.root).sort((a, b) => b.startedAt - a.startedAt)[0].id;
    await expect.poll(async () => (await layout())!.bars.find((b) => b.id === lastId)?.outcome, { timeout: 10_000 }).toBe('ok');
    const final = await api<FlowData>(`/api/sessions/${ids.root}/flow`);
    const bar = (await layout())!.bars.find((b) => b.id === lastId)!;
    expect(bar.end).toBe(final.calls.find((c) => c.id === lastId)!.endedAt);
    await page.waitForTimeout(100);
    await shot('waterfall');
  });

  it('summarizes turns, tools with failures, models, cache hits and context growth', async () => {
    const summary = page.getByTestId('flow-summary');
    expect(await page.getByTestId('flow-turns').textContent()).toBe('7');
    expect(await page.getByTestId('flow-failed').textContent()).toBe('1');
    const tools = await page.getByTestId('flow-tools').locator('tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-tool'), r.getAttribute('data-count'), r.getAttribute('data-failures')]));
    expect(tools).toEqual([
      ['Bash', '2', '2'],
      ['Edit', '1', '0'],
      ['Task', '1', '0'],
    ]);
    expect(await summary.getByTestId('flow-models').textContent()).toContain('claude-3-5-haiku-20241022');
    expect(await page.getByTestId('flow-cache').textContent()).toMatch(/^\d+%$/);
    expect(Number(await page.getByTestId('context-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
  });

  it('shows model, tokens, cost and latency when hovering a bar', async () => {
    const point = (await barPoint(flow.rootId))!;
    await page.mouse.move(point.x, point.y);
    const tip = page.getByTestId('flow-tooltip');
    await tip.waitFor();
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain('claude-sonnet-4-5');
    expect(text).toMatch(/latency \d+ ms · TTFT \d+ ms/);
    expect(text).toContain("tokens 11k in · 70 out"); // 1,500 fresh + 9,000 cache write
    expect(text).toMatch(/cost \$0\.0\d/);
    expect(text).toContain('asked for Task');
    await shot('hover');
  });

  it('zooms at the cursor with the wheel and pans by dragging', async () => {
    const before = (await viewport())!;
    const box = (await page.getByTestId('flow-canvas-run').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await viewport())!.msPerPx).toBeLessThan(before.msPerPx * 0.7);
    const zoomed = (await viewport())!;
    await page.mouse.move(box.x + 700, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 600, box.y + 100, { steps: 5 });
    await page.mouse.up();
    const panned = (await viewport())!;
    expect(panned.start - zoomed.start).toBeCloseTo(100 * zoomed.msPerPx, 0);
    await page.waitForTimeout(50);
    await shot('zoomed');
    await page.getByTestId('flow-canvas-run').focus();
    await page.keyboard.press('0');
  });

  it('opens the clicked bar’s turn in the timeline', async () => {
    const target = flow.calls.filter((c) => c.sessionId === ids.sub).sort((a, b) => b.startedAt - a.startedAt)[0];
    const point = (await barPoint(target.id))!;
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.evaluate('location.hash')).toBe(`#/s/${ids.sub}/t/${target.id}`);
    const card = page.locator(`[data-turn-id="${target.id}"]`);
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('selected');
  });

  it('shows all runs of the day on one axis, parallel runs overlapping', async () => {
    // A second agent, an OpenAI chat, running while we look.
    await fetch(`${engine.proxyUrl}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-flow-test' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Summarize the release notes for 2.1' }] }),
    }).then((r) => r.text());
    await page.getByRole('button', { name: 'Day view' }).click();
    await page.getByTestId('day-view').waitFor();
    const lanes = page.getByTestId('day-lane');
    await expect.poll(() => lanes.count()).toBe(2);
    const run = lanes.filter({ hasText: 'The CI build is red' });
    // The sub-agent ran while the main conversation was open: a second row in the same lane.
    expect(Number(await run.getAttribute('data-rows'))).toBeGreaterThanOrEqual(2);
    expect(await run.getAttribute('data-bars')).toBe('3');
    await shot('day');
  });

  it('draws in the dark theme', async () => {
    await page.evaluate(`location.hash = '#/s/${ids.root}/v/flow'`);
    await page.getByTestId('flow-view').waitFor();
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await page.waitForTimeout(100);
    await shot('waterfall-dark');
  });
});
