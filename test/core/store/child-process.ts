// Runs fixtures/store-child.ts as a real second process and reads its JSON lines.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/store-child.ts', import.meta.url));

export interface StoreChild {
  process: ChildProcess;
  /** Resolves with the first line for which `match` is true. */
  waitFor(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  kill9(): Promise<void>;
}

export function startStoreChild(args: string[]): StoreChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  let exited: string | undefined;
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const exitedPromise = new Promise<void>((resolve) => child.on('exit', (code, signal) => ((exited = `${code ?? signal}`), resolve())));
  return {
    process: child,
    waitFor(match) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exitedPromise.then(() => reject(new Error(`child exited (${exited}) before the expected line; stderr:\n${stderr}`)));
      });
    },
    async kill9() {
      if (exited === undefined) child.kill('SIGKILL');
      await exitedPromise;
    },
  };
}
