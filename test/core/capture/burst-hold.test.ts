import { describe, expect, it } from 'vitest';
import { BurstHold, type MessageKind } from '../../../electron/core/capture/burst-hold';

// Messages like the proxy's: `s` starts an exchange, `f` finishes one, `x` is an aside (a subscription), `stop` last.
interface Message {
  t: 's' | 'f' | 'x' | 'stop';
  n: number;
  bytes?: number;
}

interface Setup {
  limits?: { count: number; bytes: number };
  /** How long capturing one message takes (busy), so that catching up spans many slices. */
  costUs?: number;
  outside?: () => number;
  windowMs?: number;
  rearmMs?: number;
}

function harness({ limits = { count: 1e9, bytes: 1e12 }, costUs = 0, outside, windowMs = 100, rearmMs = 300 }: Setup = {}) {
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
    outside,
    windowMs,
    rearmMs,
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

/** A new burst of calls `from`..`to` is held, then captured after everything before it. */
async function heldThenCaptured(hold: BurstHold<Message>, handled: string[], from: number, to: number): Promise<void> {
  hold.take(calls(from, to));
  expect(hold.exchanges()).toBeGreaterThan(0);
  await expect.poll(() => hold.pending(), { timeout: 5_000 }).toBe(0);
  expect(handled).toEqual(inOrder(0, to));
}

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
    const { hold, handled } = harness({ costUs: 200 });
    hold.take(calls(0, 400));
    await expect.poll(() => handled.length, { timeout: 5_000 }).toBeGreaterThan(38);
    // Slow again, but some are still held: this one must wait its turn.
    expect(hold.pending()).toBeGreaterThan(0);
    hold.take(calls(400, 401));
    await expect.poll(() => hold.pending(), { timeout: 10_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 401));
  });

  it('takes a burst that outgrows it as load: catches up at once and holds nothing more until the burst ends', async () => {
    // A long window, so that a busy machine cannot end the burst while the test looks.
    const { hold, handled } = harness({ limits: { count: 10, bytes: 1 << 30 }, windowMs: 2_000, rearmMs: 2_000 });
    hold.take(calls(0, 30));
    // Eleven finished calls held, one past the limit: capture catches up without waiting for the burst to end.
    await expect.poll(() => hold.pending(), { timeout: 1_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 30));
    // Still the same burst: nothing is held.
    hold.take(calls(30, 60));
    expect(hold.pending()).toBe(0);
    expect(handled).toEqual(inOrder(0, 60));
    // Once it has ended, the next burst is held again.
    await new Promise((r) => setTimeout(r, 2_100));
    await heldThenCaptured(hold, handled, 60, 85);
  });

  it('counts calls behind it elsewhere (on their way, or not yet flushed) against its limit', async () => {
    let outside = 0;
    const { hold, handled } = harness({ limits: { count: 50, bytes: 1 << 30 }, outside: () => outside });
    hold.take(calls(0, 40));
    expect(hold.exchanges()).toBe(21);
    // Capture fell behind: 45 more are queued before this thread sees them.
    outside = 45;
    hold.take(calls(40, 41));
    expect(hold.pending()).toBe(0);
    expect(handled).toEqual(inOrder(0, 41));
    // The traffic paused briefly (the backlog gate held it back): the next burst is the same load, and is not held.
    await new Promise((r) => setTimeout(r, 150));
    hold.take(calls(41, 80));
    expect(hold.pending()).toBe(0);
    // Quiet for longer than `rearmMs`: the next burst is held again.
    outside = 0;
    await new Promise((r) => setTimeout(r, 400));
    await heldThenCaptured(hold, handled, 80, 120);
  });

  it('holds no more than its limit in bytes', async () => {
    const { hold, handled } = harness({ limits: { count: 1000, bytes: 5_000 } });
    hold.take(calls(0, 19, 1_000));
    hold.take(calls(19, 23, 1_000));
    expect(hold.exchanges()).toBe(4);
    hold.take(calls(23, 25, 1_000));
    await expect.poll(() => hold.pending(), { timeout: 1_000 }).toBe(0);
    expect(handled).toEqual(inOrder(0, 25));
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
    const { hold, handled, runs } = harness({ costUs: 20 });
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
