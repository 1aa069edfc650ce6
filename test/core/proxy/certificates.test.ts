import { describe, expect, it } from 'vitest';
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateCa } from '../../../electron/core/proxy/certificate-authority';
import { createLeafCertificateIssuer } from '../../../electron/core/proxy/leaf-certificates';

describe('certificate authority and leaf certificates', () => {
  it('creates a CA per data dir with a 0600 key, and loads the same one again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-ca-'));
    const ca = await loadOrCreateCa(dir);
    expect(statSync(join(dir, 'ca', 'keys', 'ca.private.key')).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateCa(dir);
    expect(again.certPem).toBe(ca.certPem);
    const other = await loadOrCreateCa(mkdtempSync(join(tmpdir(), 'tt-ca-')));
    expect(other.certPem).not.toBe(ca.certPem);
    expect(new X509Certificate(ca.certPem).ca).toBe(true);
  });

  it('signs leaf certificates that verify against the CA, share one key, and are cached per host', async () => {
    const ca = await loadOrCreateCa(mkdtempSync(join(tmpdir(), 'tt-ca-')));
    const issuer = await createLeafCertificateIssuer(ca);
    const a = await issuer.issue('api.openai.com');
    const b = await issuer.issue('127.0.0.1');
    const leafA = new X509Certificate(a.certPem);
    const leafB = new X509Certificate(b.certPem);
    const caCert = new X509Certificate(ca.certPem);
    expect(leafA.verify(caCert.publicKey)).toBe(true);
    expect(leafA.checkHost('api.openai.com')).toBe('api.openai.com');
    expect(leafB.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(a.keyPem).toBe(b.keyPem);
    // The certificate carries the public half of the key it is served with.
    const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(spki(leafA.publicKey)).toBe(spki(createPublicKey(a.keyPem)));
    expect(await issuer.issue('api.openai.com')).toBe(a);
    expect(issuer.stats().issued).toBe(2);
  });
});
