// `threadtap serve` as a child process for the hardening tests that need a real process: RSS from /proc, kill -9,
// stderr as the log. Reads the ready line and keeps stderr.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CLI } from '../helpers/engine-harness';

export interface ServeChild {
  child: ChildProcess;
  proxyUrl: string;
  proxyPort: number;
  uiPort: number;
  token: string;
  caPem: string;
  stderr(): string;
  rssMb(): number;
  /** GET on the API with the token; parsed JSON. */
  api<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startServeChild(dataDir: string, extraArgs: string[], env?: Record<string, string>): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--ready-json', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const ready = JSON.parse(line) as { proxyUrl: string; uiUrl: string; caCert: string };
  const ui = new URL(ready.uiUrl);
  const token = ui.searchParams.get('token')!;
  return {
    child,
    proxyUrl: ready.proxyUrl,
    proxyPort: Number(new URL(ready.proxyUrl).port),
    uiPort: Number(ui.port),
    token,
    caPem: readFileSync(ready.caCert, 'utf8'),
    stderr: () => stderr,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    async api<T>(path: string) {
      const res = await fetch(`http://127.0.0.1:${ui.port}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
