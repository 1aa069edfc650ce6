// Leaf certificates for intercepted hosts. One key pair serves every host and certificates are cached in memory,
// so a first request to a new host costs one native signature instead of an RSA key generation.

import { isIP } from 'node:net';
import type { CertificateAuthority } from './certificate-authority';
import { x509, subtle, RSA_ALGORITHM, exportPrivateKeyPem, randomSerial, type CryptoKey, type CryptoKeyPair } from './x509';

export interface LeafCertificate {
  certPem: string;
  keyPem: string;
}

export interface LeafCertificateIssuer {
  issue(hostname: string): Promise<LeafCertificate>;
  /** Milliseconds spent creating certificates, for the benchmark. */
  stats(): { issued: number; totalMs: number; lastMs: number };
}

export async function createLeafCertificateIssuer(ca: CertificateAuthority): Promise<LeafCertificateIssuer> {
  const keys = (await subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const keyPem = await exportPrivateKeyPem(keys.privateKey);
  // Encoded once: given the CryptoKey, the generator exports it again for every certificate (about 0.4 ms, through
  // libuv's thread pool, where it can wait behind file writes).
  const publicKey = await x509.PublicKey.create(keys.publicKey);
  const cache = new Map<string, Promise<LeafCertificate>>();
  const counters = { issued: 0, totalMs: 0, lastMs: 0 };

  async function create(hostname: string): Promise<LeafCertificate> {
    const started = performance.now();
    const altName = isIP(hostname) ? { type: 'ip' as const, value: hostname } : { type: 'dns' as const, value: hostname };
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${hostname.replace(/[,=+<>#;"\\]/g, '')}`,
      issuer: ca.cert.subject,
      // Backdated a day for clients with skewed clocks; short-lived because it is re-made every run.
      notBefore: new Date(Date.now() - 24 * 3600_000),
      notAfter: new Date(Date.now() + 365 * 24 * 3600_000),
      signingAlgorithm: RSA_ALGORITHM,
      publicKey,
      signingKey: ca.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([altName]),
      ],
    });
    counters.lastMs = performance.now() - started;
    counters.totalMs += counters.lastMs;
    counters.issued++;
    return { certPem: cert.toString('pem') + '\n' + ca.certPem, keyPem };
  }

  return {
    issue(hostname) {
      let entry = cache.get(hostname);
      if (!entry) {
        entry = create(hostname);
        cache.set(hostname, entry);
        entry.catch(() => cache.delete(hostname));
      }
      return entry;
    },
    stats: () => ({ ...counters }),
  };
}
