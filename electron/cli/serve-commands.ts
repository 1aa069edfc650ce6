// `serve`, `run`, `env` and `ca`: the commands that start, find or point at a capturing instance.

import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { startEngine, type Engine, type EngineOptions } from '../core/engine';
import { lowerHelperThreads } from '../core/helper-threads';
import { resolveDataDir } from '../core/data-dir';
import { findRunningInstance } from '../core/instance-file';
import { loadOrCreateCa } from '../core/proxy/certificate-authority';
import { createConsoleLogger } from '../core/logger';
import { ThreadtapError } from '../core/errors';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const portNumber = (value: string) => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ThreadtapError('bad-option', `"${value}" is not a port number`);
  return port;
};

function addServeOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <n>', 'proxy port, also serving the base-URL routes (0 = any free port)').argParser(portNumber).default(8787))
    .addOption(new Option('--ui-port <n>', 'UI and API port (0 = any free port)').argParser(portNumber).default(0))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'data folder')
    .option('--intercept <host[:port]>', 'also decrypt this host (repeatable; *.example.com for subdomains)', collect, [])
    .option('--intercept-all', 'decrypt every HTTPS host, not only LLM APIs')
    .option('--map <host[:port]=url>', 'send traffic for a host to another upstream (repeatable)', collect, [])
    .option('--upstream-ca <file>', 'extra CA (PEM) to trust for upstream TLS (repeatable)', collect, [])
    .option('--verbose', 'log proxy internals');
}

interface ServeFlags {
  port: number;
  uiPort: number;
  host: string;
  dataDir?: string;
  intercept: string[];
  interceptAll?: boolean;
  map: string[];
  upstreamCa: string[];
  verbose?: boolean;
  readyJson?: boolean;
}

/** The built renderer, when this checkout has one (`npm run build`). */
function rendererDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

function engineOptions(flags: ServeFlags, globalDataDir: string | undefined): EngineOptions {
  return {
    dataDir: resolveDataDir(flags.dataDir ?? globalDataDir),
    port: flags.port,
    uiPort: flags.uiPort,
    host: flags.host,
    intercept: flags.intercept,
    interceptAll: flags.interceptAll,
    map: flags.map,
    upstreamCa: flags.upstreamCa,
    uiDir: rendererDir(),
    logger: createConsoleLogger({ verbose: flags.verbose }),
    reserveCpuForStreams: true,
  };
}

function stopOnSignals(engine: Engine): void {
  const stop = () => {
    engine.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerServeCommands(program: Command): void {
  addServeOptions(program.command('serve').description('run the proxy and the UI headless'))
    .option('--ready-json', 'print one JSON line {proxyUrl, uiUrl, caCert, dataDir} once both servers listen')
    .action(async (flags: ServeFlags) => {
      lowerHelperThreads();
      const engine = await startEngine(engineOptions(flags, program.opts().dataDir));
      stopOnSignals(engine);
      if (flags.readyJson) {
        process.stdout.write(
          JSON.stringify({ proxyUrl: engine.proxyUrl, uiUrl: engine.uiUrl, caCert: engine.caCertPath, dataDir: engine.dataDir }) + '\n',
        );
      } else {
        process.stdout.write(
          [
            `Threadtap is capturing.`,
            `  proxy:    ${engine.proxyUrl}   (export HTTPS_PROXY=${engine.proxyUrl})`,
            `  base URL: ${engine.proxyUrl}/openai/v1, ${engine.proxyUrl}/anthropic, ${engine.proxyUrl}/gemini, …`,
            `  CA:       ${engine.caCertPath}`,
            `  UI:       ${engine.uiUrl}`,
            `  data:     ${engine.dataDir}`,
            `Run an agent through it with: threadtap run -- <command>`,
            '',
          ].join('\n'),
        );
      }
    });

  addServeOptions(program.command('run').description('run a command with its HTTP clients pointed at Threadtap'))
    .argument('<command...>', 'the command and its arguments, after --')
    .passThroughOptions()
    .action(async (commandLine: string[], flags: ServeFlags) => {
      const options = engineOptions(flags, program.opts().dataDir);
      const running = await findRunningInstance(options.dataDir);
      let engine: Engine | undefined;
      let target = running;
      if (!target) {
        lowerHelperThreads();
        engine = await startEngine({ ...options, port: flags.port === 8787 ? 0 : flags.port });
        target = { pid: process.pid, proxyUrl: engine.proxyUrl, uiUrl: engine.uiUrl, caCertPath: engine.caCertPath, dataDir: engine.dataDir, startedAt: Date.now() };
        process.stderr.write(`[threadtap] capturing for this command; UI: ${engine.uiUrl}\n`);
      }
      const { buildRunEnv, runCommand } = await import('../core/launch');
      const env = await buildRunEnv({ proxyUrl: target.proxyUrl, caCertPath: target.caCertPath, dataDir: options.dataDir, baseEnv: process.env });
      const [cmd, ...args] = commandLine;
      const status = await runCommand({ cmd, args, env });
      await engine?.stop();
      process.exitCode = status;
    });

  program
    .command('env')
    .description('print the lines that point a shell at the running instance')
    .addOption(new Option('--shell <shell>', 'shell syntax').choices(['bash', 'zsh', 'fish', 'powershell']).default('bash'))
    .option('--data-dir <dir>', 'data folder')
    .action(async (flags: { shell: 'bash' | 'zsh' | 'fish' | 'powershell'; dataDir?: string }) => {
      const dataDir = resolveDataDir(flags.dataDir ?? program.opts().dataDir);
      const running = await findRunningInstance(dataDir);
      if (!running) throw new ThreadtapError('not-found', `no Threadtap is running on ${dataDir}; start one with \`threadtap serve\``);
      const { APPENDED_VARIABLES, buildRunEnv, formatEnvLines } = await import('../core/launch');
      const env = await buildRunEnv({ proxyUrl: running.proxyUrl, caCertPath: running.caCertPath, dataDir, baseEnv: {} });
      process.stdout.write(formatEnvLines(env, flags.shell, APPENDED_VARIABLES) + '\n');
    });

  program
    .command('ca')
    .description('print the path of the CA certificate (created on first use)')
    .option('--pem', 'print the certificate itself')
    .option('--data-dir <dir>', 'data folder')
    .action(async (flags: { pem?: boolean; dataDir?: string }) => {
      const ca = await loadOrCreateCa(resolveDataDir(flags.dataDir ?? program.opts().dataDir));
      process.stdout.write(flags.pem ? ca.certPem : ca.certPath + '\n');
    });
}
