// `import FILE…`: HAR files into the data dir's store. The store has one writer at a time, so this refuses to run
// beside a `serve` on the same data dir and says which instance holds it.

import { access, constants } from 'node:fs/promises';
import type { Command } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { ThreadtapError } from '../core/errors';
import { findRunningInstance } from '../core/instance-file';
import { importHarFiles, formatReport } from '../core/import';
import { createConsoleLogger } from '../core/logger';
import { openStore, type WritableStore } from '../core/store';

interface ImportFlags {
  allEntries?: boolean;
  json?: boolean;
  dataDir?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import HAR files (Chrome DevTools, Firefox, mitmproxy, HTTP Toolkit, Charles, Threadtap) into the store')
    .argument('<files...>', 'HAR 1.2 files')
    .option('--all-entries', 'also keep entries a live proxy would tunnel untouched (hosts that are not LLM APIs)')
    .option('--json', 'print the report as JSON')
    .option('--data-dir <dir>', 'data folder')
    .action(async (files: string[], flags: ImportFlags) => {
      const dataDir = resolveDataDir(flags.dataDir ?? program.opts().dataDir);
      for (const file of files) {
        await access(file, constants.R_OK).catch(() => {
          throw new ThreadtapError('not-found', `cannot read ${file}`);
        });
      }
      const logger = createConsoleLogger();
      const store = await openForImport(dataDir, logger);
      let report;
      try {
        report = await importHarFiles({ files, store, allEntries: flags.allEntries, logger });
      } finally {
        await store.close();
      }
      process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
      // Entries that failed are listed, not fatal; a run that could import none of what it read is.
      if (report.failed > 0 && report.failed === report.read) process.exitCode = 65;
    });
}

async function openForImport(dataDir: string, logger: ReturnType<typeof createConsoleLogger>): Promise<WritableStore> {
  const running = await findRunningInstance(dataDir);
  if (running) {
    throw new ThreadtapError(
      'store-failed',
      `Threadtap is running on ${dataDir} (pid ${running.pid}, proxy ${running.proxyUrl}) and is the only writer of its store; ` +
        'stop it and run the import again, or import into another --data-dir',
    );
  }
  try {
    return await openStore({ dataDir, logger });
  } catch (error) {
    // Only the write lock means "someone else is writing"; other store failures speak for themselves.
    if (error instanceof ThreadtapError && (error.cause as Error | undefined)?.name === 'LockHeldError') {
      throw new ThreadtapError('store-failed', `cannot import into ${dataDir}: ${error.message}. Stop the process that holds it and try again`, { cause: error });
    }
    throw error;
  }
}
