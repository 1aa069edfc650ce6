import { describe, expect, it } from 'vitest';
import { placeAll } from '../../electron/core/sessions';
import { generateCorpus } from './generate-corpus';
import { scoreCorpus } from './score-corpus';

const pct = (value: number) => `${(value * 100).toFixed(2)}%`;

describe('reconstruction on the simulated multi-client corpus', () => {
  for (const seed of [1, 7, 42, 2024]) {
    it(`meets the targets on seed ${seed}`, () => {
      const corpus = generateCorpus(seed);
      const score = scoreCorpus(corpus, placeAll(corpus.map((item) => item.interaction)));
      console.log(
        `seed ${seed}: ${score.interactions} interactions, ${score.sessions} sessions, B3 P ${pct(score.precision)} R ${pct(score.recall)} F1 ${pct(score.f1)}, exact parent ${pct(score.exactParent)}, links ${pct(score.linkRecall)} of ${score.links}, kind ${pct(score.kindAccuracy)}`,
      );
      if (score.mistakes.length > 0) console.log(score.mistakes.slice(0, 40).join('\n'));
      expect(score.f1).toBeGreaterThanOrEqual(0.995);
      expect(score.exactParent).toBeGreaterThanOrEqual(0.99);
      expect(score.linkRecall).toBeGreaterThanOrEqual(0.95);
    });
  }
});
