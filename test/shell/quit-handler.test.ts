import { describe, expect, it } from 'vitest';
import { createQuitHandler } from '../../electron/shell/quit-handler';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('createQuitHandler', () => {
  it('holds the quit until the engine has stopped, then quits for real', async () => {
    const calls: string[] = [];
    let finishStop = () => {};
    const handler = createQuitHandler({
      stop: () => new Promise<void>((resolve) => (finishStop = () => (calls.push('stopped'), resolve()))),
      quit: () => calls.push('quit'),
    });
    const first = quitEvent();
    handler(first);
    expect(first.prevented).toBe(true);
    const again = quitEvent();
    handler(again); // a second Cmd-Q while stopping
    expect(again.prevented).toBe(true);
    expect(calls).toEqual([]);
    finishStop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['stopped', 'quit']);
    const final = quitEvent();
    handler(final); // the quit() we triggered comes back through before-quit
    expect(final.prevented).toBe(false);
  });

  it('quits anyway when stopping fails or hangs', async () => {
    const logs: string[] = [];
    let quits = 0;
    createQuitHandler({ stop: () => Promise.reject(new Error('disk full')), quit: () => quits++, log: (m) => logs.push(m) })(quitEvent());
    createQuitHandler({ stop: () => new Promise<void>(() => {}), quit: () => quits++, timeoutMs: 10, log: (m) => logs.push(m) })(quitEvent());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(quits).toBe(2);
    expect(logs.join('\n')).toMatch(/disk full/);
    expect(logs.join('\n')).toMatch(/did not stop in time/);
  });
});
