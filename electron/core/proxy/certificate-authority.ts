// The per-install CA. It is written in the folder layout http-mitm-proxy reads (certs/ca.pem, keys/ca.private.key,
// keys/ca.public.key) so the library loads ours instead of generating its own with slow pure-JS RSA.

import { mkdir, readFile, writeFile, chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { x509, subtle, RSA_ALGORITHM, exportPrivateKeyPem, exportPublicKeyPem, importPrivateKeyPem, randomSerial, type CryptoKey, type CryptoKeyPair } from './x509';

export interface CertificateAuthority {
  /** Folder handed to http-mitm-proxy as sslCaDir. */
  dir: string;
  certPath: string;
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  privateKey: CryptoKey;
}

export async function loadOrCreateCa(dataDir: string): Promise<CertificateAuthority> {
  const dir = join(dataDir, 'ca');
  const certPath = join(dir, 'certs', 'ca.pem');
  const keyPath = join(dir, 'keys', 'ca.private.key');
  const existing = await readExisting(certPath, keyPath);
  if (existing) {
    await chmod(keyPath, 0o600);
    return { dir, certPath, ...existing };
  }
  await mkdir(join(dir, 'certs'), { recursive: true });
  await mkdir(join(dir, 'keys'), { recursive: true, mode: 0o700 });
  const keys = (await subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 24 * 3600_000);
  const notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const name = `CN=Threadtap CA ${randomSerial().slice(0, 8)}, O=Threadtap local capture`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: RSA_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString('pem') + '\n';
  const keyPem = await exportPrivateKeyPem(keys.privateKey);
  await writeFile(keyPath, keyPem, { mode: 0o600 });
  await writeFile(join(dir, 'keys', 'ca.public.key'), await exportPublicKeyPem(keys.publicKey));
  await writeFile(certPath, certPem);
  return { dir, certPath, certPem, keyPem, cert, privateKey: keys.privateKey };
}

async function readExisting(certPath: string, keyPath: string) {
  try {
    await stat(keyPath);
  } catch {
    return undefined;
  }
  const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { certPem, keyPem, cert: new x509.X509Certificate(certPem), privateKey: await importPrivateKeyPem(keyPem) };
}
