import { describe, expect, it } from 'vitest';
import type { Usage } from '../../../shared/normalized';
import { UsageColumns } from '../../../electron/core/api/usage-columns';

describe('usage columns', () => {
  it('gives back each usage with its own fields, order and undefined ones', () => {
    const columns = new UsageColumns();
    const usages: Usage[] = [
      { inputTokens: 20, outputTokens: 3, totalTokens: 23 },
      { totalTokens: 9, inputTokens: 4, reasoningTokens: undefined, outputTokens: 5 },
      {},
      { inputTokens: 1.5, outputTokens: 2 },
      { inputTokens: 2 ** 40 },
      { inputTokens: 1, extraTokens: 2 } as Usage,
      { cacheReadTokens: 100_000, cacheWriteTokens: 0, inputTokens: 7, outputTokens: 8, reasoningTokens: 1, totalTokens: 100_016 },
    ];
    usages.forEach((usage, slot) => columns.put(slot, usage));
    usages.forEach((usage, slot) => {
      const back = columns.get(slot);
      expect(back).toStrictEqual(usage);
      expect(Object.keys(back)).toEqual(Object.keys(usage));
    });
    // Replaced by one of another shape, nothing of the old one shows through.
    columns.put(3, usages[0]);
    expect(columns.get(3)).toStrictEqual(usages[0]);
  });
});
