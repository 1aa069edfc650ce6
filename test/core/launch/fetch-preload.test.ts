// The preload is tested for real: a bare http-mitm-proxy stands in for Threadtap's proxy, and a child `node`
// started with the run environment fetches from local origins. Node 20 ignores HTTP(S)_PROXY in fetch, so every
// request the proxy sees here went through the preload's dispatcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Proxy } from 'http-mitm-proxy';
import { buildRunEnv, defaultPreloadPath } from '../../../electron/core/launch';
import { createTestPki } from '../../helpers/test-pki';

const run = promisify(execFile);
// Node 22.21+ / 24.5+ proxy fetch natively under NODE_USE_ENV_PROXY=1, so "went direct" is only provable before.
const FETCH_IGNORES_PROXY_ENV = Number(process.versions.node.split('.')[0]) < 22;
const HAS_CURL = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].some((path) => existsSync(path));
const FETCH = `fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(t), (e) => { process.stderr.write(String(e.cause ?? e)); process.exit(1); })`;

const pki = createTestPki();
const sslCaDir = mkdtempSync(join(tmpdir(), 'tt-mitm-'));
const proxy = new Proxy();
const seen: string[] = [];
let proxyUrl = '';
let plainOrigin = '';
let tlsOrigin = '';
const servers: (http.Server | https.Server)[] = [];

function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function fetchInChild(url: string, env: Record<string, string>) {
  return run(process.execPath, ['-e', FETCH, url], { env, timeout: 15_000 });
}

async function runEnv(overrides: Record<string, string | undefined> = {}, preloadPath?: string) {
  const env = await buildRunEnv({
    proxyUrl,
    caCertPath: join(sslCaDir, 'certs', 'ca.pem'),
    dataDir: mkdtempSync(join(tmpdir(), 'tt-preload-')),
    baseEnv: { PATH: process.env.PATH },
    preloadPath,
  });
  const merged: Record<string, string> = { ...env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

// Loopback is in NO_PROXY by design; the local origins are only proxied when a test empties it.
const THROUGH_PROXY = { NO_PROXY: '', no_proxy: '' };

beforeAll(async () => {
  proxy.onError(() => {});
  proxy.onRequest((ctx, callback) => {
    const req = ctx.clientToProxyRequest;
    seen.push(`${ctx.isSSL ? 'https' : 'http'} ${req.headers.host}${req.url}`);
    callback();
  });
  await new Promise<void>((resolve, reject) =>
    proxy.listen({ port: 0, host: '127.0.0.1', sslCaDir, httpsAgent: new https.Agent({ ca: pki.caPem, keepAlive: false }) }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  proxyUrl = `http://127.0.0.1:${proxy.httpPort}`;
  const plainPort = await listen(http.createServer((req, res) => res.end(`plain origin: ${req.url}`)));
  plainOrigin = `127.0.0.1:${plainPort}`;
  const tlsPort = await listen(https.createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => res.end(`tls origin: ${req.url}`)));
  tlsOrigin = `127.0.0.1:${tlsPort}`;
});

afterAll(() => {
  proxy.close();
  for (const server of servers) server.close();
});

describe('the fetch preload', () => {
  it("routes Node's built-in fetch through the proxy for plain HTTP", async () => {
    const { stdout, stderr } = await fetchInChild(`http://${plainOrigin}/plain`, await runEnv(THROUGH_PROXY));
    expect(stdout).toBe('plain origin: /plain');
    expect(stderr).toBe('');
    expect(seen).toContain(`http ${plainOrigin}/plain`);
  });

  it('routes HTTPS through the proxy, and the child trusts the proxy CA through NODE_EXTRA_CA_CERTS', async () => {
    const { stdout } = await fetchInChild(`https://${tlsOrigin}/secure`, await runEnv(THROUGH_PROXY));
    expect(stdout).toBe('tls origin: /secure');
    expect(seen).toContain(`https ${tlsOrigin}/secure`);
  });

  it('leaves loopback direct under the default NO_PROXY', async () => {
    const { stdout } = await fetchInChild(`http://${plainOrigin}/direct`, await runEnv());
    expect(stdout).toBe('plain origin: /direct');
    expect(seen.some((line) => line.endsWith('/direct'))).toBe(false);
  });

  it('does nothing, silently, when undici cannot be found from where the preload lives', async () => {
    const lonely = join(mkdtempSync(join(tmpdir(), 'tt-no-undici-')), 'preload.cjs');
    copyFileSync(defaultPreloadPath(), lonely);
    const { stdout, stderr } = await fetchInChild(`http://${plainOrigin}/lonely`, await runEnv(THROUGH_PROXY, lonely));
    expect(stdout).toBe('plain origin: /lonely');
    expect(stderr).toBe('');
    if (FETCH_IGNORES_PROXY_ENV) expect(seen.some((line) => line.endsWith('/lonely'))).toBe(false);
  });

  it('is inert outside `threadtap run` (no THREADTAP_PROXY_URL)', async () => {
    const { stdout, stderr } = await fetchInChild(`http://${plainOrigin}/inert`, await runEnv({ ...THROUGH_PROXY, THREADTAP_PROXY_URL: undefined }));
    expect(stdout).toBe('plain origin: /inert');
    expect(stderr).toBe('');
    if (FETCH_IGNORES_PROXY_ENV) expect(seen.some((line) => line.endsWith('/inert'))).toBe(false);
  });

  it.runIf(HAS_CURL)('lets curl trust the proxy through the CA bundle (system roots + our CA)', async () => {
    const { stdout } = await run('curl', ['--silent', '--show-error', `https://${tlsOrigin}/curl`], { env: await runEnv(THROUGH_PROXY), timeout: 15_000 });
    expect(stdout).toBe('tls origin: /curl');
    expect(seen).toContain(`https ${tlsOrigin}/curl`);
  });
});
