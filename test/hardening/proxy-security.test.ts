// Defaults a user never chose to weaken: both servers on loopback, a CA key only its owner can read and unique to
// the data dir, and hosts outside the intercept list tunnelled with the real server's certificate.

import { describe, expect, it } from 'vitest';
import { statSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { tempDataDir, useTestEngine } from '../helpers/engine-harness';
import { startEngine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { loadOrCreateCa } from '../../electron/core/proxy/certificate-authority';
import { connectThrough, tlsOver } from './raw-http';

const t = useTestEngine();

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 }, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

describe('security defaults', () => {
  it('binds the proxy and the API to loopback when no host is given', async () => {
    const defaults = await startEngine({ dataDir: tempDataDir(), port: 0, logger: silentLogger });
    try {
      const proxy = new URL(defaults.proxyUrl);
      const ui = new URL(defaults.uiUrl);
      expect(proxy.hostname).toBe('127.0.0.1');
      expect(ui.hostname).toBe('127.0.0.1');
      expect(await canConnect('127.0.0.1', Number(proxy.port))).toBe(true);
      const external = Object.values(os.networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal);
      for (const address of external) {
        expect(await canConnect(address!.address, Number(proxy.port))).toBe(false);
        expect(await canConnect(address!.address, Number(ui.port))).toBe(false);
      }
    } finally {
      await defaults.stop();
    }
  });

  it('keeps the CA key readable by its owner only, and makes a different CA for each data dir', async () => {
    const a = await loadOrCreateCa(tempDataDir());
    const b = await loadOrCreateCa(tempDataDir());
    for (const ca of [a, b]) {
      const key = join(ca.dir, 'keys', 'ca.private.key');
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(statSync(join(ca.dir, 'keys')).mode & 0o077).toBe(0);
    }
    expect(readFileSync(join(a.dir, 'keys', 'ca.private.key'), 'utf8')).not.toBe(readFileSync(join(b.dir, 'keys', 'ca.private.key'), 'utf8'));
    expect(a.certPem).not.toBe(b.certPem);
    // The running engine's key too, and reopening a data dir keeps its CA.
    expect(statSync(join(t.engine.dataDir, 'ca', 'keys', 'ca.private.key')).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateCa(t.engine.dataDir)).certPem).toBe(readFileSync(t.engine.caCertPath, 'utf8'));
  });

  it('never decrypts a host outside the intercept list: the client sees the real server certificate', async () => {
    const result = await connectThrough(Number(new URL(t.engine.proxyUrl).port), `localhost:${t.upstream.port}`);
    if ('refused' in result) throw new Error(result.refused.text);
    const secure = await tlsOver(result.socket, 'localhost', t.upstream.pki.caPem);
    const seen = new X509Certificate(secure.getPeerX509Certificate()!.raw);
    secure.destroy();
    expect(seen.fingerprint256).toBe(new X509Certificate(t.upstream.pki.certPem).fingerprint256);
  });

  it('does decrypt an intercepted host, with a leaf signed by its own CA (the control for the test above)', async () => {
    const result = await connectThrough(Number(new URL(t.engine.proxyUrl).port), 'api.openai.com:443');
    if ('refused' in result) throw new Error(result.refused.text);
    const secure = await tlsOver(result.socket, 'api.openai.com', readFileSync(t.engine.caCertPath, 'utf8'));
    const seen = new X509Certificate(secure.getPeerX509Certificate()!.raw);
    secure.destroy();
    expect(seen.checkIssued(new X509Certificate(readFileSync(t.engine.caCertPath)))).toBe(true);
  });
});
