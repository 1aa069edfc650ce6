// Runs the user's command as a child with inherited stdio, and exits the way a shell would report it.

import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';

export interface RunCommandOptions {
  cmd: string;
  args: string[];
  env: Record<string, string>;
  /** Defaults to 'inherit'. */
  stdio?: StdioOptions;
  /** Defaults to signalsToForward(process.stdin.isTTY). */
  forwardSignals?: NodeJS.Signals[];
  /** Where the "command not found" line goes; defaults to stderr. */
  report?: (line: string) => void;
}

/**
 * Which signals the parent passes on to the child. From a terminal, Ctrl-C already reaches the whole foreground
 * process group, child included; forwarding SIGINT too would turn one Ctrl-C into two, and interactive agents read a
 * second Ctrl-C as "quit now". Without a terminal (scripts, `kill -INT`), SIGINT reaches only us and must be passed on.
 */
export function signalsToForward(stdinIsTty: boolean | undefined): NodeJS.Signals[] {
  return stdinIsTty ? ['SIGTERM'] : ['SIGINT', 'SIGTERM'];
}

/** The status a POSIX shell reports: the exit code, or 128 + the signal number when the child was killed. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

/** Resolves with the child's exit status; 127 when the command does not exist, 126 when it cannot be executed. */
export function runCommand(options: RunCommandOptions): Promise<number> {
  const report = options.report ?? ((line: string) => process.stderr.write(line + '\n'));
  const forwarded = options.forwardSignals ?? signalsToForward(process.stdin.isTTY);
  return new Promise((resolve) => {
    const child = spawn(options.cmd, options.args, { stdio: options.stdio ?? 'inherit', env: options.env });
    // While a listener is installed, the signal no longer kills us: we stay to report the child's status.
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of forwarded) process.on(signal, forward);
    const settle = (status: number) => {
      for (const signal of forwarded) process.off(signal, forward);
      resolve(status);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        report(`threadtap: command not found: ${options.cmd}`);
        settle(127);
      } else if (error.code === 'EACCES' || error.code === 'EISDIR') {
        report(`threadtap: cannot execute ${options.cmd}: ${error.message}`);
        settle(126);
      } else {
        report(`threadtap: could not start ${options.cmd}: ${error.message}`);
        settle(1);
      }
    });
    child.once('exit', (code, signal) => settle(exitStatus(code, signal)));
  });
}
