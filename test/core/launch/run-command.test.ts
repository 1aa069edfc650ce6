import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exitStatus, runCommand, signalsToForward } from '../../../electron/core/launch';

const node = process.execPath;
const HOST = fileURLToPath(new URL('./fixtures/run-command-host.ts', import.meta.url));
const env = { ...process.env } as Record<string, string>;

/** Starts the host process running `node -e script`, resolves once the child printed "ready". */
function startHost(script: string) {
  const host = spawn(node, ['--import', 'tsx', HOST, node, '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve) => {
    host.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => host.on('exit', (code) => resolve(code)));
  return { host, ready, exited, output: () => out };
}

const WAIT_FOR_SIGNAL = `console.log('ready'); setInterval(() => {}, 1000);`;

describe('runCommand', () => {
  it("resolves with the child's exit code", async () => {
    expect(await runCommand({ cmd: node, args: ['-e', 'process.exit(3)'], env })).toBe(3);
    expect(await runCommand({ cmd: node, args: ['-e', ''], env })).toBe(0);
  });

  it('passes the environment and the arguments through untouched', async () => {
    const status = await runCommand({
      cmd: node,
      args: ['-e', 'process.exit(process.env.TT_X === "a b" && process.argv[1] === "it\'s" ? 0 : 1)', "it's"],
      env: { ...env, TT_X: 'a b' },
    });
    expect(status).toBe(0);
  });

  it('reports 128 + the signal number when the child is killed by a signal', async () => {
    expect(await runCommand({ cmd: node, args: ['-e', 'process.kill(process.pid, "SIGKILL")'], env })).toBe(137);
  });

  it('says clearly that a command does not exist, with status 127', async () => {
    const lines: string[] = [];
    const status = await runCommand({ cmd: 'threadtap-no-such-command', args: [], env, report: (line) => lines.push(line) });
    expect(status).toBe(127);
    expect(lines).toEqual(['threadtap: command not found: threadtap-no-such-command']);
  });

  it('forwards SIGTERM to the child and exits with the status the child chose', async () => {
    const run = startHost(`process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(5); }); ${WAIT_FOR_SIGNAL}`);
    await run.ready;
    run.host.kill('SIGTERM');
    expect(await run.exited).toBe(5);
    expect(run.output()).toContain('child got SIGTERM');
  });

  it('forwards SIGINT when there is no terminal, and reports a child killed by it as 130', async () => {
    const run = startHost(WAIT_FOR_SIGNAL);
    await run.ready;
    run.host.kill('SIGINT');
    expect(await run.exited).toBe(130);
  });

  it('leaves SIGINT to the terminal when stdin is one, so one Ctrl-C is not delivered twice', () => {
    expect(signalsToForward(true)).toEqual(['SIGTERM']);
    expect(signalsToForward(false)).toEqual(['SIGINT', 'SIGTERM']);
  });

  it('computes shell-style statuses', () => {
    expect(exitStatus(0, null)).toBe(0);
    expect(exitStatus(null, 'SIGTERM')).toBe(143);
  });
});
