import { describe, expect, it } from 'vitest';
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
