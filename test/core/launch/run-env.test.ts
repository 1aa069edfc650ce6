import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_VARIABLES, buildRunEnv, defaultPreloadPath, mergeNoProxy, nodeOptionsWithRequire } from '../../../electron/core/launch';
import { createTestPki } from '../../helpers/test-pki';

const PROXY = 'http://127.0.0.1:8787';
const pki = createTestPki();
const otherPki = createTestPki();
const DEBIAN_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const firstCert = (pem: string) => pem.slice(0, pem.indexOf('-----END CERTIFICATE-----'));

function setup(baseEnv: NodeJS.ProcessEnv = {}, extra: { systemBundleCandidates?: string[] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-launch-'));
  return buildRunEnv({ proxyUrl: PROXY, caCertPath: pki.caPath, dataDir, baseEnv, ...extra });
}

describe('buildRunEnv', () => {
  it('points both spellings of the proxy variables at the proxy and keeps loopback direct', async () => {
    const env = await setup({ PATH: '/usr/bin', NO_PROXY: 'corp.example, 127.0.0.1', no_proxy: 'intranet' });
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) expect(env[name]).toBe(PROXY);
    expect(env.NO_PROXY).toBe('corp.example,127.0.0.1,intranet,localhost,::1');
    expect(env.no_proxy).toBe(env.NO_PROXY);
    expect(env.ALL_PROXY).toBeUndefined();
    expect(env.NODE_USE_ENV_PROXY).toBe('1');
    expect(env.THREADTAP_PROXY_URL).toBe(PROXY);
    expect(env.PATH).toBe('/usr/bin');
  });

  it('gives Node our CA alone and every replacing CA variable a bundle of system roots plus our CA', async () => {
    const env = await setup();
    expect(env.NODE_EXTRA_CA_CERTS).toBe(pki.caPath);
    const bundlePath = env.SSL_CERT_FILE;
    for (const name of BUNDLE_VARIABLES) expect(env[name]).toBe(bundlePath);
    const bundle = readFileSync(bundlePath, 'utf8');
    expect(bundle).toContain(pki.caPem.trim());
    // The first readable well-known bundle is the source; Debian-family systems (and CI) have this one.
    if (existsSync(DEBIAN_BUNDLE)) expect(bundle).toContain(firstCert(readFileSync(DEBIAN_BUNDLE, 'utf8')));
    expect(bundle.match(/BEGIN CERTIFICATE/g)!.length).toBeGreaterThan(50);
  });

  it("falls back to Node's compiled-in roots when the system has no bundle", async () => {
    const env = await setup({}, { systemBundleCandidates: ['/nonexistent/ca.pem'] });
    const bundle = readFileSync(env.SSL_CERT_FILE, 'utf8');
    expect(bundle).toContain(firstCert(rootCertificates[0]));
    expect(bundle.trim().endsWith(pki.caPem.trim())).toBe(true);
  });

  it('keeps trusting the CAs the user had already configured', async () => {
    const env = await setup({ SSL_CERT_FILE: otherPki.caPath, NODE_EXTRA_CA_CERTS: otherPki.caPath });
    expect(readFileSync(env.SSL_CERT_FILE, 'utf8')).toContain(otherPki.caPem.trim());
    const nodeExtra = readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8');
    expect(nodeExtra).toContain(otherPki.caPem.trim());
    expect(nodeExtra).toContain(pki.caPem.trim());
  });

  it('changes nothing when applied to its own output (nested runs, a shell that sourced `threadtap env`)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tt-launch-'));
    const once = await buildRunEnv({ proxyUrl: PROXY, caCertPath: pki.caPath, dataDir, baseEnv: { NODE_OPTIONS: '--max-old-space-size=4096' } });
    const bundle = readFileSync(once.SSL_CERT_FILE, 'utf8');
    const twice = await buildRunEnv({ proxyUrl: PROXY, caCertPath: pki.caPath, dataDir, baseEnv: once });
    expect(twice).toEqual(once);
    expect(readFileSync(twice.SSL_CERT_FILE, 'utf8')).toBe(bundle);
    expect(once.NODE_OPTIONS).toBe(`--max-old-space-size=4096 --require "${defaultPreloadPath()}"`);
  });
});

describe('mergeNoProxy', () => {
  it('accepts commas and spaces and drops duplicates', () => {
    expect(mergeNoProxy('a.example  b.example,,localhost', undefined)).toBe('a.example,b.example,localhost,127.0.0.1,::1');
  });
});

describe('nodeOptionsWithRequire', () => {
  it('quotes the path so Node loads a preload whose path has spaces, quotes and backslashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt launch "quoted" \\ dir '));
    const marker = join(dir, 'marker preload.cjs');
    writeFileSync(marker, 'process.stdout.write("preloaded;")');
    const options = nodeOptionsWithRequire('--no-warnings', marker);
    const out = execFileSync(process.execPath, ['-e', 'process.stdout.write("main")'], {
      env: { ...process.env, NODE_OPTIONS: options },
      encoding: 'utf8',
    });
    expect(out).toBe('preloaded;main');
  });

  it('escapes backslashes of Windows paths inside the quotes', () => {
    expect(nodeOptionsWithRequire(undefined, 'C:\\Program Files\\Threadtap\\p.cjs')).toBe('--require "C:\\\\Program Files\\\\Threadtap\\\\p.cjs"');
  });
});
