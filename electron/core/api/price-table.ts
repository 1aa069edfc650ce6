// Cost per call from a maintained price table (@pydantic/genai-prices, bundled data, no network at run time)
// rather than hand-typed prices. Unknown models cost nothing known: the UI shows "—", never a guess.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import type { CostView } from '../../../shared/api-contract';
import type { Api, Usage } from '../../../shared/normalized';

const PACKAGE = '@pydantic/genai-prices';

function packageVersion(): string {
  try {
    // The package's `exports` hide its package.json, so it is read from beside the resolved entry.
    const entry = createRequire(import.meta.url).resolve(PACKAGE);
    const manifest = join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
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
  // Finding the provider walks the whole table, compiling a URL pattern per provider. Remember the provider id each
  // provider/model pair resolved to, so later calls find it by id (passing the provider object instead would make
  // the package copy its whole model list on every call), and misses cost one lookup per name.
  const resolved = new Map<string, string | null>();
  return {
    source: PRICE_SOURCE,
    costOf(query: PriceQuery): CostView | null {
      const { model, usage } = query;
      if (!model || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
      const key = `${query.provider}\u0000${model}\u0000${originOf(query.url) ?? ''}`;
      const known = resolved.get(key);
      if (known === null) return null;
      const priced = priceUsage(query.api, usage);
      const timestamp = new Date(query.at);
      try {
        const result = known
          ? calcPrice(priced, model, { providerId: known, timestamp })
          : (calcPrice(priced, model, { providerApiUrl: originOf(query.url), timestamp }) ??
            calcPrice(priced, model, { providerId: query.provider, timestamp }));
        if (!known) resolved.set(key, result?.provider.id ?? null);
        if (!result) return null;
        return { usd: result.total_price, source: `${PRICE_SOURCE} (${result.provider.id}/${result.model.id})` };
      } catch {
        resolved.set(key, null);
        return null;
      }
    },
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export type PriceTable = ReturnType<typeof createPriceTable>;
