// Starts the real engine on port 0 against the fake upstream, and reads the store back through the real CLI.

import { afterAll, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEngine, type Engine, type EngineOptions } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import type { SessionsExport } from '../../electron/core/export/json-export';
import { startFakeUpstream, type FakeUpstream } from './fake-llm-upstream';

const execFileAsync = promisify(execFile);
export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const CLI = join(REPO_ROOT, 'bin', 'threadtap.js');

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'threadtap-data-'));
}

export async function startTestEngine(upstream: FakeUpstream, extra: Partial<EngineOptions> = {}): Promise<Engine> {
  return startEngine({
    dataDir: tempDataDir(),
    port: 0,
    uiPort: 0,
    map: [`api.openai.com=${upstream.url}`, `api.anthropic.com=${upstream.url}`],
    upstreamCa: [upstream.pki.caPath],
    logger: silentLogger,
    ...extra,
  });
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** Waits until the store, read back by `threadtap export`, holds `count` finished interactions. */
export async function exportedInteractions(dataDir: string, count: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout, stderr, code } = await runCli(['export', '--all', '--format', 'json', '--data-dir', dataDir]);
    if (code !== 0) throw new Error(`threadtap export failed (${code}): ${stderr}`);
    const doc = JSON.parse(stdout) as SessionsExport;
    const interactions = doc.sessions.flatMap((s) => s.interactions);
    const finished = interactions.filter((i) => i.status !== 'pending' && i.status !== 'streaming');
    if (finished.length >= count || Date.now() > deadline) return { doc, interactions: finished };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A fake upstream and an engine pointed at it for the tests of one file: started before them, stopped after. */
export function useTestEngine(extra: Partial<EngineOptions> = {}): { readonly upstream: FakeUpstream; readonly engine: Engine } {
  const live = {} as { upstream: FakeUpstream; engine: Engine };
  beforeAll(async () => {
    live.upstream = await startFakeUpstream();
    live.engine = await startTestEngine(live.upstream, extra);
  });
  afterAll(async () => {
    await live.engine?.stop();
    await live.upstream?.close();
  });
  return live;
}
