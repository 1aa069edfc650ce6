// `threadtap`: the headless entry point. Commander parses flags; each command is a thin call into the core.

import { Command, Option } from 'commander';
import { exitCodeFor } from './core/errors';
import { registerServeCommands } from './cli/serve-commands';
import { registerReadCommands } from './cli/read-commands';
import { registerImportCommand } from './cli/import-command';

// http-mitm-proxy narrates every new host with console.debug on stdout, which would corrupt `--ready-json` and
// piped output; our own logger writes to stderr and is the only voice.
console.debug = () => {};
// It also prints a stack trace to stderr for every client that resets a tunnel, an everyday event that our own
// error path already reports (as debug lines with --verbose).
if (!process.argv.includes('--verbose')) console.error = () => {};

const program = new Command();
program
  .name('threadtap')
  .description('Capture the LLM API calls of local AI agents and rebuild them into conversations.')
  .addOption(new Option('--data-dir <dir>', 'data folder (default: $THREADTAP_DATA_DIR or the app-data folder)'))
  .showHelpAfterError()
  .enablePositionalOptions();

registerServeCommands(program);
registerReadCommands(program);
registerImportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`threadtap: ${(error as Error)?.message ?? String(error)}\n`);
  process.exitCode = exitCodeFor(error);
}
