import { describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import type { InstanceInfo } from '../../electron/core/instance-file';
import { ThreadtapError } from '../../electron/core/errors';
import { connectEngine } from '../../electron/shell/engine-connection';

const fakeEngine = (port: number) =>
  ({ proxyUrl: `http://127.0.0.1:${port}`, uiUrl: 'http://127.0.0.1:5555/?token=t', dataDir: '/data', token: 't', caCertPath: '/data/ca.pem' }) as Engine;

const instance: InstanceInfo = { pid: 4242, proxyUrl: 'http://127.0.0.1:8787', uiUrl: 'http://127.0.0.1:6000/?token=s', caCertPath: '/data/ca.pem', dataDir: '/data', startedAt: 0 };

describe('connectEngine', () => {
  it('attaches to a `threadtap serve` already writing this data dir instead of starting a second writer', async () => {
    const starts: number[] = [];
    const connection = await connectEngine({ dataDir: '/data', pid: 1, findRunning: async () => instance, start: async (port) => (starts.push(port), fakeEngine(port)) });
    expect(connection.kind).toBe('attached');
    expect(connection.uiUrl).toBe(instance.uiUrl);
    expect(starts).toEqual([]);
  });

  it('starts its own engine on 8787, ignoring a stale instance file left by this very process', async () => {
    const connection = await connectEngine({ dataDir: '/data', pid: 4242, findRunning: async () => instance, start: async (port) => fakeEngine(port) });
    expect(connection.kind).toBe('own');
    expect(connection.proxyUrl).toBe('http://127.0.0.1:8787');
  });

  it('takes any free port when 8787 is busy', async () => {
    const starts: number[] = [];
    const logs: string[] = [];
    const connection = await connectEngine({
      dataDir: '/data',
      findRunning: async () => undefined,
      start: async (port) => {
        starts.push(port);
        if (port === 8787) throw new ThreadtapError('bad-option', 'port 8787 is in use: pass --port N (0 = any free port)');
        return fakeEngine(40001);
      },
      log: (m) => logs.push(m),
    });
    expect(starts).toEqual([8787, 0]);
    expect(connection.proxyUrl).toBe('http://127.0.0.1:40001');
    expect(logs).toHaveLength(1);
  });

  it('lets other start failures through', async () => {
    await expect(
      connectEngine({ dataDir: '/data', findRunning: async () => undefined, start: async () => { throw new ThreadtapError('store-failed', 'cannot open'); } }),
    ).rejects.toThrow('cannot open');
  });
});
