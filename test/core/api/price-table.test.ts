import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleSource } from '../../../bin/source-bundle.mjs';
import { createPriceTable, PRICE_SOURCE } from '../../../electron/core/api/price-table';

describe('price table', () => {
  it('names the installed price data version in every cost source', () => {
    expect(PRICE_SOURCE).toMatch(/^@pydantic\/genai-prices \d+\.\d+\.\d+/);
    const cost = createPriceTable().costOf({
      api: 'openai-chat',
      provider: 'openai',
      url: 'https://api.openai.com/v1/chat/completions',
      model: 'gpt-4o-mini',
      usage: { inputTokens: 1000, outputTokens: 100 },
      at: Date.parse('2026-01-01T00:00:00Z'),
    });
    expect(cost?.source).toContain(PRICE_SOURCE);
    expect(cost?.usd).toBeGreaterThan(0);
  });

  it('prices Anthropic cache reads on top of uncached input, and knows nothing of an unknown model', () => {
    const table = createPriceTable();
    const base = { api: 'anthropic-messages' as const, provider: 'anthropic', url: 'https://api.anthropic.com/v1/messages', model: 'claude-sonnet-4-5', at: Date.parse('2026-01-01T00:00:00Z') };
    const plain = table.costOf({ ...base, usage: { inputTokens: 100, outputTokens: 10 } })!.usd;
    const cached = table.costOf({ ...base, usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 10_000 } })!.usd;
    expect(cached).toBeGreaterThan(plain);
    expect(table.costOf({ ...base, model: 'no-such-model-xyz', usage: { inputTokens: 1, outputTokens: 1 } })).toBeNull();
  });
});

describe('price table, loading', () => {
  // `threadtap serve` runs the proxy on the CLI's thread, which never prices a call; evaluating the package there
  // cost about 9 MB of RSS for the life of the process. A static import would make the bundle import it at start.
  it('is not imported by the CLI bundle at start', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tt-price-bundle-'));
    try {
      const cli = readFileSync(bundleSource(fileURLToPath(new URL('../../../electron/cli.ts', import.meta.url)), cacheDir), 'utf8');
      const staticImports = cli.match(/^import\b[^;]*?from\s*["'][^"']+["']/gm) ?? [];
      expect(staticImports.some((line) => line.includes('http-mitm-proxy'))).toBe(true);
      expect(staticImports.filter((line) => line.includes('genai-prices'))).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('price table, repeated calls', () => {
  // After its first call for a provider/model/origin the table prices later calls through a narrowed copy of the
  // provider; each later answer must equal what a fresh table (the package's full search) gives for that call.
  const cases = [
    { api: 'openai-chat' as const, provider: 'openai', url: 'https://api.openai.com/v1/chat/completions', model: 'gpt-4o-mini' },
    { api: 'anthropic-messages' as const, provider: 'anthropic', url: 'https://api.anthropic.com/v1/messages', model: 'claude-sonnet-4-5-20250929' },
    { api: 'openai-chat' as const, provider: 'deepseek', url: 'https://api.deepseek.com/chat/completions', model: 'deepseek-chat' },
    { api: 'openai-chat' as const, provider: 'openrouter', url: 'https://openrouter.ai/api/v1/chat/completions', model: 'openai/gpt-4o' },
    { api: 'gemini-generate' as const, provider: 'google', url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent', model: 'gemini-2.5-pro' },
    { api: 'openai-chat' as const, provider: 'litellm', url: 'http://localhost:4000/v1/chat/completions', model: 'anthropic/claude-3-5-haiku-latest' },
  ];
  // Hours either side of DeepSeek's off-peak window, dates either side of price changes, and Gemini's tier at 200k.
  const calls = [
    { at: '2026-01-01T03:00:00Z', usage: { inputTokens: 1200, outputTokens: 80 } },
    { at: '2026-01-01T17:00:00Z', usage: { inputTokens: 250_000, outputTokens: 900, cacheReadTokens: 40_000 } },
    { at: '2024-06-01T12:00:00Z', usage: { inputTokens: 10, outputTokens: 10, cacheWriteTokens: 5_000 } },
    { at: '2026-11-24T23:30:00Z', usage: { inputTokens: 150_000, outputTokens: 3 } },
  ];

  it.each(cases)('$provider $model', (query) => {
    const warm = createPriceTable();
    let priced = 0;
    for (const call of calls) {
      const one = { ...query, at: Date.parse(call.at), usage: call.usage };
      const expected = createPriceTable().costOf(one);
      expect(warm.costOf(one)).toEqual(expected);
      expect(warm.costOf(one)).toEqual(expected);
      if (expected) priced++;
    }
    // Every case but the gateway-style names is in the package's data; a case that prices nothing proves nothing.
    if (query.provider !== 'litellm' && query.provider !== 'openrouter') expect(priced).toBe(calls.length);
  });
});
