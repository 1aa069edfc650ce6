import { describe, expect, it } from 'vitest';
import type { Placement } from '../../../shared/session';
import { byStartOrder, createSessionIndex, OrderedPlacement, placeInteraction, type ReconInteraction } from '../../../electron/core/sessions';
import { generateCorpus } from '../../corpus/generate-corpus';
import { loadToolRunnerFixture } from '../sessions/anthropic-fixture';

/** The replay spelled out as one sorted list of events: every request at its start, every answer at its end; at one
 * instant answers that ended after their start come first, then starts, then answers that ended as they started. */
function placeAll(interactions: ReconInteraction[]): Map<string, Placement> {
  const index = createSessionIndex();
  const ordered = [...interactions].sort(byStartOrder);
  const events: { at: number; phase: number; x: ReconInteraction }[] = [];
  for (const x of ordered) {
    events.push({ at: x.startedAt, phase: 1, x });
    const end = Math.max(x.endedAt ?? x.startedAt, x.startedAt);
    events.push({ at: end, phase: end === x.startedAt ? 2 : 0, x });
  }
  events.sort((a, b) => a.at - b.at || a.phase - b.phase || byStartOrder(a.x, b.x));
  for (const { phase, x } of events) {
    if (phase === 1) placeInteraction(index, { ...x, response: undefined, status: undefined, failed: undefined, endedAt: undefined });
    else index.registerResponse(x.id, x.response, { status: x.status, failed: x.failed, endedAt: x.endedAt });
  }
  index.takeRevisions();
  return new Map(ordered.map((x) => [x.id, index.getPlacement(x.id)!]));
}

/** What the import and a restart do: requests in start order, answers at their end instant, nothing else held. */
function placeStreaming(interactions: ReconInteraction[]) {
  const index = createSessionIndex();
  const placer = new OrderedPlacement(index);
  let maxInFlight = 0;
  for (const x of [...interactions].sort(byStartOrder)) {
    placer.start(x);
    maxInFlight = Math.max(maxInFlight, placer.inFlight);
  }
  placer.finish();
  return { placements: new Map(interactions.map((x) => [x.id, index.getPlacement(x.id)!])), maxInFlight };
}

describe('OrderedPlacement', () => {
  it('places the recorded tool runner traffic as the sorted event replay does', () => {
    const fixture = loadToolRunnerFixture();
    expect(placeStreaming(fixture).placements).toEqual(placeAll(fixture));
  });

  for (const seed of [1, 42]) {
    it(`places a many-client corpus exactly as the sorted event replay does (seed ${seed}), holding only overlapping answers`, () => {
      const interactions = generateCorpus(seed).map((item) => item.interaction);
      const { placements, maxInFlight } = placeStreaming(interactions);
      expect(placements).toEqual(placeAll(interactions));
      expect(maxInFlight).toBeLessThan(interactions.length / 4);
    });
  }

  it('gives the same placements when answers end out of order and at the instant of a later start', () => {
    const base = loadToolRunnerFixture();
    // The first loop's answer ends exactly when the next request starts; another ends long after later starts.
    const skewed = base.map((x, i) => (i === 0 ? { ...x, endedAt: base[1].startedAt } : i === 2 ? { ...x, endedAt: x.startedAt + 60_000 } : x));
    expect(placeStreaming(skewed).placements).toEqual(placeAll(skewed));
  });

  it('refuses interactions out of start order', () => {
    const [a, b] = loadToolRunnerFixture();
    const placer = new OrderedPlacement(createSessionIndex());
    placer.start(b);
    expect(() => placer.start(a)).toThrow(/start order/);
  });
});
