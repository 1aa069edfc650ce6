import { describe, expect, it } from 'vitest';
import { KnownContent } from '../../../electron/core/store/known-content';

describe('KnownContent', () => {
  it('keeps a hash that is looked up while newer ones push older ones out', () => {
    const known = new KnownContent(3);
    known.addAll(['session-tail', 'a', 'b']);
    expect(known.has('session-tail')).toBe(true);
    known.addAll(['c', 'd']);
    expect(known.has('session-tail')).toBe(true);
    expect(known.has('a')).toBe(false);
    expect(known.size).toBe(3);
  });

  it('holds the sessions active at once, not every hash since start', () => {
    const known = new KnownContent();
    for (let i = 0; i < 30_000; i++) known.addAll([`chunk-${i}`, `node-${i}`]);
    expect(known.size).toBeLessThanOrEqual(20_000);
  });
});
