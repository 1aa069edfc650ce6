// Cost per call from a maintained price table (@pydantic/genai-prices, bundled data, no network at run time)
// rather than hand-typed prices. Unknown models cost nothing known: the UI shows "—", never a guess.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { PriceCalculation, PriceOptions, Provider } from '@pydantic/genai-prices';
import type { CostView } from '../../../shared/api-contract';
import type { Api, Usage } from '../../../shared/normalized';

const PACKAGE = '@pydantic/genai-prices';
const require = createRequire(import.meta.url);

function packageVersion(): string {
  try {
    // The package's `exports` hide its package.json, so it is read from beside the resolved entry.
    const entry = require.resolve(PACKAGE);
    const manifest = join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown version';
  }
}

export const PRICE_SOURCE = `${PACKAGE} ${packageVersion()}`;

let loaded: typeof GenaiPrices | undefined;

/**
 * The package on first use: evaluating it builds its whole price table, about 10 MB of RSS in each thread that
 * does, and the proxy's thread loads this module with the rest of the CLI but never prices a call.
 */
function calcPrice(...args: Parameters<typeof GenaiPrices.calcPrice>): ReturnType<typeof GenaiPrices.calcPrice> {
  loaded ??= require(PACKAGE) as typeof GenaiPrices;
  return loaded.calcPrice(...args);
}

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
  // Finding the provider walks the whole table, compiling a URL pattern per provider, and finding the model walks the
  // provider's model list, lower-casing each pattern. The first call for a provider/model/origin remembers how it was
  // found; later calls pass a copy of the provider holding only the model it matched (the package copies whatever
  // provider it is given, so the whole one would cost more), or, where that copy prices a call differently (a
  // LiteLLM "provider/model" name is split only when searched by the id `litellm`), the search that worked. Misses
  // cost one lookup.
  const resolved = new Map<string, PriceOptions | null>();
  return {
    source: PRICE_SOURCE,
    costOf(query: PriceQuery): CostView | null {
      const { model, usage } = query;
      if (!model || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
      const origin = originOf(query.url);
      const key = `${query.provider}\u0000${model}\u0000${origin ?? ''}`;
      const known = resolved.get(key);
      if (known === null) return null;
      const priced = priceUsage(query.api, usage);
      const timestamp = new Date(query.at);
      try {
        let result: PriceCalculation | null = null;
        if (known) result = calcPrice(priced, model, { ...known, timestamp });
        else {
          for (const search of [{ providerApiUrl: origin }, { providerId: query.provider }]) {
            result = calcPrice(priced, model, { ...search, timestamp });
            if (!result) continue;
            resolved.set(key, narrowedIfSame(priced, model, timestamp, result) ?? search);
            break;
          }
          if (!result) resolved.set(key, null);
        }
        if (!result) return null;
        return { usd: result.total_price, source: `${PRICE_SOURCE} (${result.provider.id}/${result.model.id})` };
      } catch {
        // The package throws on usage it cannot price (more cached tokens than input); that says nothing of the
        // next call's, so the key stays as it was.
        return null;
      }
    },
  };
}

function narrowedIfSame(usage: Record<string, number>, model: string, timestamp: Date, first: PriceCalculation): PriceOptions | undefined {
  const provider: Provider = { ...first.provider, models: [first.model], fallback_model_providers: undefined };
  const again = calcPrice(usage, model, { provider, timestamp });
  return again?.model.id === first.model.id && again.total_price === first.total_price ? { provider } : undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export type PriceTable = ReturnType<typeof createPriceTable>;
