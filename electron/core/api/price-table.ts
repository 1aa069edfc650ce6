// Cost per call from a maintained price table (@pydantic/genai-prices, bundled data, no network at run time)
// rather than hand-typed prices. Unknown models cost nothing known: the UI shows "—", never a guess.

import { createRequire } from 'node:module';
import { calcPrice } from '@pydantic/genai-prices';
import type { CostView } from '../../../shared/api-contract';
import type { Api, Usage } from '../../../shared/normalized';

const PACKAGE = '@pydantic/genai-prices';

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)(`${PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown version';
  }
}

export const PRICE_SOURCE = `${PACKAGE} ${packageVersion()}`;

/** genai-prices counts input tokens including cached ones; Anthropic reports uncached input separately. */
function priceUsage(api: Api, usage: Usage): Record<string, number> {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const input = api === 'anthropic-messages' ? (usage.inputTokens ?? 0) + cacheRead + cacheWrite : (usage.inputTokens ?? 0);
  return { input_tokens: input, output_tokens: usage.outputTokens ?? 0, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite };
}

export interface PriceQuery {
  api: Api;
  provider: string;
  url: string;
  model?: string;
  usage: Usage;
  at: number;
}

export function createPriceTable() {
  // Matching a model walks the whole table; remember misses so unknown models cost one lookup per name.
  const unknown = new Set<string>();
  return {
    source: PRICE_SOURCE,
    costOf(query: PriceQuery): CostView | null {
      const { model, usage } = query;
      if (!model || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
      const key = `${query.provider}\u0000${model}`;
      if (unknown.has(key)) return null;
      let origin: string | undefined;
      try {
        origin = new URL(query.url).origin;
      } catch {
        origin = undefined;
      }
      try {
        const result =
          calcPrice(priceUsage(query.api, usage), model, { providerApiUrl: origin, timestamp: new Date(query.at) }) ??
          calcPrice(priceUsage(query.api, usage), model, { providerId: query.provider, timestamp: new Date(query.at) });
        if (!result) {
          unknown.add(key);
          return null;
        }
        return { usd: result.total_price, source: `${PRICE_SOURCE} (${result.provider.id}/${result.model.id})` };
      } catch {
        unknown.add(key);
        return null;
      }
    },
  };
}

export type PriceTable = ReturnType<typeof createPriceTable>;
