// The UI in a real browser against the real engine: traffic through the proxy appears live, the timeline shows
// each turn's new messages and the streamed answer as it grows, search, inspector, compare, token required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import { ensureRendererBuilt, launchChromium, SCREENSHOTS } from './browser';

let upstream: FakeUpstream;
let engine: Engine;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `ui-${name}.png`) });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const uiDir = ensureRendererBuilt();
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream, { uiDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  await upstream?.close();
});

describe('the UI in Chromium', () => {
  it('refuses the page without the token', async () => {
    const origin = new URL(engine.uiUrl).origin;
    const response = await page.goto(origin + '/');
    expect(response?.status()).toBe(401);
  });

  it('shows a new user the next step when nothing is captured yet', async () => {
    await page.goto(engine.uiUrl);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('setup-panel').getByText('export HTTPS_PROXY=').waitFor();
    // The token left the address bar once the cookie was set.
    expect(page.url()).not.toContain('token=');
    await shot('empty-state');
  });

  it('shows a conversation live, each turn with only its new messages, and the answer as it streams', async () => {
    const client = new OpenAI({ apiKey: 'sk-e2e-secret-key-000000000000', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    const first = [
      { role: 'system' as const, content: 'You are a terse assistant.' },
      { role: 'user' as const, content: 'Which lighthouse keeper wrote the first logbook?' },
    ];
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: first });

    const row = page.getByTestId('session-row').filter({ hasText: 'lighthouse keeper' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByTestId('turn-card').first().waitFor();

    // Turn 2 goes to the slow route: the answer arrives in pieces, 150 ms apart.
    const slow = new OpenAI({ apiKey: 'sk-e2e-secret-key-000000000000', baseURL: `${engine.proxyUrl}/openai/slow/v1`, maxRetries: 0 });
    const second = [...first, answer.choices[0].message, { role: 'user' as const, content: 'Tell me about the fog horn schedule.' }];
    const streaming = (async () => {
      const stream = await slow.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: second as OpenAI.ChatCompletionMessageParam[] });
      for await (const _chunk of stream) void _chunk;
    })();

    const growing = page.getByTestId('streaming-text');
    await growing.waitFor({ timeout: 10_000 });
    await page.getByTestId('live-badge').first().waitFor();
    const early = (await growing.textContent()) ?? '';
    // The text grows while the answer streams (capture runs below the proxy's priority, so on a busy machine a
    // piece may show late, but it shows before the stream's end replaces the streaming text).
    let later = early;
    await expect
      .poll(async () => {
        later = (await growing.textContent({ timeout: 100 }).catch(() => null)) ?? '';
        return later.length > early.length || later === '';
      }, { timeout: 10_000, interval: 50 })
      .toBe(true);
    await shot('streaming');
    await streaming;
    expect(later.length > early.length || later === '').toBe(true);

    const cards = page.getByTestId('turn-card');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    const secondCard = cards.nth(1);
    await expect.poll(async () => (await secondCard.textContent()) ?? '').toContain('fog horn schedule');
    // Only the new message: the first question is not repeated in turn 2.
    expect(await secondCard.textContent()).not.toContain('lighthouse keeper');
    expect(await secondCard.textContent()).toContain('earlier messages not repeated');
    await expect.poll(async () => (await page.getByTestId('streaming-text').count())).toBe(0);
    await shot('timeline');
  });

  it('finds a session by text in its messages', async () => {
    await page.getByLabel('Search messages').fill('FOG HORN');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    await expect(page.getByTestId('search-snippet').first().textContent()).resolves.toMatch(/fog horn/i);
    await shot('search');
    await page.getByLabel('Search messages').fill('no such words anywhere at all');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(0);
    await page.getByLabel('Search messages').fill('');
  });

  it('shows the raw request body in the inspector, with the key fingerprinted', async () => {
    await page.getByTestId('turn-card').nth(1).getByRole('button', { name: 'Inspect' }).click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('raw-body').waitFor();
    await expect.poll(async () => (await inspector.textContent()) ?? '').toContain('fog horn schedule');
    expect(await inspector.textContent()).not.toContain('sk-e2e-secret-key-000000000000');
    await shot('inspector');
    await inspector.getByRole('button', { name: 'copy as curl' }).click();
    await expect.poll(async () => (await inspector.textContent()) ?? '').toContain('curl ');
    await page.getByRole('button', { name: 'Close inspector' }).click();
  });

  it('compares two turns and moves between turns with j/k', async () => {
    await page.getByRole('button', { name: 'Compare with previous' }).first().click();
    const compare = page.getByTestId('compare-view');
    await compare.waitFor();
    await expect.poll(async () => (await compare.textContent()) ?? '').toContain('added');
    await shot('compare');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.turn-card.selected').count()).toBe(1);
  });

  it('switches to the dark theme', async () => {
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shot('timeline-dark');
  });
});
