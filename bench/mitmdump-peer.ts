// mitmproxy's `mitmdump` as the peer: started on a free loopback port with its own confdir (so its CA is fresh
// and known), trusting the bench upstream's CA, with every *.bench.test host mapped to the upstream. Returns null
// when mitmdump is not installed, so the bench can say so and skip the column.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MitmdumpPeer {
  child: ChildProcess;
  proxyUrl: string;
  caPem: string;
  version: string;
}

export function mitmdumpVersion(): string | null {
  const probe = spawnSync('mitmdump', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  return /Mitmproxy:\s*(\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mitmdump exited with ${child.exitCode} before it listened`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mitmdump did not listen on ${port} within ${timeoutMs} ms`);
}

export async function startMitmdump(upstreamPort: number, upstreamCaPath: string): Promise<MitmdumpPeer | null> {
  const version = mitmdumpVersion();
  if (!version) return null;
  const confdir = mkdtempSync(join(tmpdir(), 'tt-bench-mitmdump-'));
  const port = await freePort();
  // connection_strategy=lazy: mitmdump would otherwise resolve and connect to api.bench.test at CONNECT time,
  // before map_remote can point the request at the upstream. Bodies are kept (the default), as a capture needs.
  const child = spawn('mitmdump', [
    '--listen-host', '127.0.0.1', '--listen-port', String(port), '-q',
    '--set', `confdir=${confdir}`,
    '--set', `ssl_verify_upstream_trusted_ca=${upstreamCaPath}`,
    '--set', 'connection_strategy=lazy',
    '--map-remote', `|//[a-z0-9]+\\.bench\\.test|//127.0.0.1:${upstreamPort}`,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, child, 20_000);
  return { child, proxyUrl: `http://127.0.0.1:${port}`, caPem: readFileSync(join(confdir, 'mitmproxy-ca-cert.pem'), 'utf8'), version };
}
