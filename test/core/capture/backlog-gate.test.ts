import { describe, expect, it } from 'vitest';
import { createBacklogGate } from '../../../electron/core/capture/backlog-gate';

describe('the capture backlog gate', () => {
  it('lets requests through under the limit, holds them past it, and reopens at three quarters', async () => {
    const backlog = { count: 0, bytes: 0 };
    const warnings: string[] = [];
    const gate = createBacklogGate(() => backlog, { count: 10, bytes: 1000 }, { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} });
    expect(gate.admit()).toBeUndefined();
    backlog.count = 10;
    const held = gate.admit();
    expect(held).toBeInstanceOf(Promise);
    expect(gate.admit()).toBe(held);
    expect(warnings).toEqual(['capture is 10 exchanges behind; new requests wait until it catches up']);
    let released = false;
    void held!.then(() => (released = true));
    backlog.count = 8;
    gate.changed();
    await Promise.resolve();
    expect(released).toBe(false);
    backlog.count = 7;
    gate.changed();
    await held;
    expect(gate.admit()).toBeUndefined();
    // Closing again so soon is not news.
    backlog.count = 12;
    expect(gate.admit()).toBeDefined();
    expect(warnings).toHaveLength(1);
  });

  it('also closes on bytes, and open() releases everyone', async () => {
    const backlog = { count: 1, bytes: 2000 };
    const gate = createBacklogGate(() => backlog, { count: 10, bytes: 1000 });
    const held = gate.admit();
    expect(held).toBeDefined();
    gate.open();
    await held;
  });
});
