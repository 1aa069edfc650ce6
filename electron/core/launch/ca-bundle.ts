// Trust files for the children of `threadtap run`. Most TLS stacks take a CA *file* that REPLACES their trust store
// (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, …), so pointing them at our CA alone would break every other HTTPS host the
// child talks to through the tunnel. They get a bundle: the system roots, any bundle the user had already chosen,
// then our CA. Node's NODE_EXTRA_CA_CERTS adds to its store instead, so it gets our CA alone.

import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';

/** Where distributions keep the PEM bundle of their trusted roots (the list Go's crypto/x509 probes). */
export const SYSTEM_BUNDLE_CANDIDATES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Gentoo, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7+
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/ssl/cert.pem', // Alpine, macOS, OpenBSD
  '/usr/local/etc/ssl/cert.pem', // FreeBSD
  '/usr/local/share/certs/ca-root-nss.crt', // FreeBSD
];

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return text.includes('-----BEGIN CERTIFICATE-----') ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The system roots as PEM: the first readable system bundle, else the Mozilla roots compiled into Node. */
export async function readSystemRoots(candidates: readonly string[] = SYSTEM_BUNDLE_CANDIDATES): Promise<string> {
  for (const path of candidates) {
    const text = await readIfPresent(path);
    if (text) return text;
  }
  return rootCertificates.join('\n');
}

/**
 * Writes `content` to `path` unless it already holds exactly that, through a temp file and a rename so a child
 * reading the file while a second `threadtap run` rewrites it never sees half a bundle.
 */
async function writeAtomically(path: string, content: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === content) return;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

const joinPems = (pems: string[]) => pems.map((pem) => pem.trim() + '\n').join('');

export interface TrustFiles {
  /** System roots + the user's own bundles + our CA. */
  bundlePath: string;
  /** For NODE_EXTRA_CA_CERTS: our CA, plus the user's own extra CAs when they had some. */
  nodeExtraPath: string;
}

export interface TrustFilesOptions {
  dataDir: string;
  caCertPath: string;
  /** Bundles the user had already pointed their tools at; their CAs must stay trusted. */
  userBundles: string[];
  /** The user's NODE_EXTRA_CA_CERTS file, if any. */
  userNodeExtra?: string;
  systemCandidates?: readonly string[];
}

export async function writeTrustFiles(options: TrustFilesOptions): Promise<TrustFiles> {
  const bundlePath = join(options.dataDir, 'ca-bundle.pem');
  const mergedExtraPath = join(options.dataDir, 'node-extra-ca.pem');
  const ours = new Set([options.caCertPath, bundlePath, mergedExtraPath]);
  const caPem = await readFile(options.caCertPath, 'utf8');

  // Skipping our own files keeps a nested `threadtap run` (or a shell that sourced `threadtap env`) from folding the
  // bundle into itself again and again.
  const userBundles = [...new Set(options.userBundles.filter((path) => !ours.has(path)))];
  const userPems = (await Promise.all(userBundles.map(readIfPresent))).filter((pem): pem is string => pem !== undefined);
  await writeAtomically(bundlePath, joinPems([await readSystemRoots(options.systemCandidates), ...userPems, caPem]));

  const userExtra =
    options.userNodeExtra && !ours.has(options.userNodeExtra) ? await readIfPresent(options.userNodeExtra) : undefined;
  if (!userExtra) return { bundlePath, nodeExtraPath: options.caCertPath };
  await writeAtomically(mergedExtraPath, joinPems([userExtra, caPem]));
  return { bundlePath, nodeExtraPath: mergedExtraPath };
}
