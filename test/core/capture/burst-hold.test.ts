import { describe, expect, it } from 'vitest';
import { BurstHold, type MessageKind } from '../../../electron/core/capture/burst-hold';

// Messages like the proxy's: `s` starts an exchange, `f` finishes one, `x` is an aside (a subscription), `stop` last.
interface Message {
  t: 's' | 'f' | 'x' | 'stop';
  n: number;
  bytes?: number;
}

/** `costUs`: how long capturing one message takes (busy), so that catching up spans many slices. */
function harness(limits = { count: 1e9, bytes: 1e12 }, costUs = 0) {
  const handled: string[] = [];
  let runs = 0;
  const hold = new BurstHold<Message>({
    kind: (m): MessageKind => (m.t === 'stop' ? 'last' : m.t === 'x' ? 'aside' : 'traffic'),
    starts: (m) => m.t === 's',
    ends: (m) => m.t === 'f',
    bytes: (m) => m.bytes ?? 0,
    handle: (m) => {
      const until = performance.now() + costUs / 1000;
      while (performance.now() < until);
      handled.push(`${m.t}${m.n}`);
    },
    handled: () => runs++,
    limits,
    windowMs: 100,
    sliceMs: 1,
  });
  return { hold, handled, runs: () => runs };
}

const calls = (from: number, to: number, bytes = 0): Message[] =>
  Array.from({ length: to - from }, (_, i) => [
    { t: 's' as const, n: from + i },
    { t: 'f' as const, n: from + i, bytes },
  ]).flat();

const inOrder = (from: number, to: number) => calls(from, to).map((m) => `${m.t}${m.n}`);

describe('BurstHold', () => {
  it('captures calls at once while they come at an agent\'s pace', async () => {
    const { hold, handled } = harness();
    for (let i = 0; i < 30; i++) {
      hold.take(calls(i, i + 1));
      // Far apart in time: the window only ever sees one start.
      await new Promise((r) => setTimeout(r, 10));
      expect(handled).toEqual(inOrder(0, i + 1));
    }
    expect(hold.pending()).toBe(0);
  });

  it('holds a burst and captures it, in order, once the burst is over', async () => {
    const { hold, handled } = harness();
    hold.take(calls(0, 50));
    // The first 19 starts are not yet a burst; from the 20th on, everything waits.
    expect(handled).toEqual(inOrder(0, 19));
    expect(hold.exchanges()).toBe(31);
    expect(hold.pending()).toBe(62);
    await expect.poll(() => hold.pending(), { timeout: 5_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 50));
    expect(hold.exchanges()).toBe(0);
  });

  it('keeps what arrives while it catches up behind what it held', async () => {
    const { hold, handled } = harness(undefined, 200);
    hold.take(calls(0, 400));
    await expect.poll(() => handled.length, { timeout: 5_000 }).toBeGreaterThan(38);
    // Slow again, but some are still held: this one must wait its turn.
    expect(hold.pending()).toBeGreaterThan(0);
    hold.take(calls(400, 401));
    await expect.poll(() => hold.pending(), { timeout: 10_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 401));
  });

  it('captures the oldest held calls as new ones come once it holds its limit', () => {
    const { hold, handled } = harness({ count: 10, bytes: 1 << 30 });
    hold.take(calls(0, 100));
    expect(hold.exchanges()).toBe(10);
    // In order, and only the newest ten waiting.
    expect(handled).toEqual(inOrder(0, 100).slice(0, handled.length));
    expect(handled.at(-1)).toBe('f89');
  });

  it('holds no more than its limit in bytes', () => {
    const { hold } = harness({ count: 1000, bytes: 5_000 });
    hold.take(calls(0, 100, 1_000));
    expect(hold.pending()).toBeGreaterThan(0);
    expect(hold.exchanges()).toBeLessThanOrEqual(5);
  });

  it('handles asides at once, and a stop only after everything held', () => {
    const { hold, handled } = harness();
    hold.take([...calls(0, 30), { t: 'x', n: 0 }]);
    expect(handled.at(-1)).toBe('x0');
    expect(handled).not.toContain('f29');
    hold.take([{ t: 'stop', n: 0 }]);
    expect(handled).toEqual([...inOrder(0, 19), 'x0', ...inOrder(19, 30), 'stop0']);
    expect(hold.pending()).toBe(0);
  });

  it('gives the thread back between slices while it catches up', async () => {
    const { hold, handled, runs } = harness(undefined, 20);
    hold.take(calls(0, 20_000));
    expect(hold.pending()).toBeGreaterThan(39_000);
    // The poll's own timer is other work on this thread (an API request, say): it gets a turn while the held calls
    // are being captured, not only once they all are.
    await expect.poll(() => handled.length, { timeout: 5_000 }).toBeGreaterThan(38);
    expect(hold.pending()).toBeGreaterThan(0);
    await expect.poll(() => hold.pending(), { timeout: 30_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 20_000));
    expect(runs()).toBeGreaterThan(10);
  });
});
