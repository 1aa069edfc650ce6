// `sessions` and `export`: read a data dir, also while another process is capturing into it.

import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { openStoreReader } from '../core/store';
import { buildSessionsExport } from '../core/export/json-export';
import { ThreadtapError } from '../core/errors';

async function readSessions(dataDir: string) {
  const reader = await openStoreReader(dataDir);
  try {
    return buildSessionsExport(await reader.listInteractions());
  } finally {
    await reader.close();
  }
}

export function registerReadCommands(program: Command): void {
  program
    .command('sessions')
    .description('list captured sessions')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data folder')
    .action(async (flags: { json?: boolean; dataDir?: string }) => {
      const doc = await readSessions(resolveDataDir(flags.dataDir ?? program.opts().dataDir));
      if (flags.json) {
        const list = doc.sessions.map(({ interactions, ...session }) => ({ ...session, interactionCount: interactions.length }));
        process.stdout.write(JSON.stringify({ sessions: list }, null, 2) + '\n');
        return;
      }
      if (doc.sessions.length === 0) {
        process.stdout.write('No sessions captured yet. Start one with `threadtap run -- <command>`.\n');
        return;
      }
      for (const s of doc.sessions) {
        const tokens = (s.usage.inputTokens ?? 0) + (s.usage.outputTokens ?? 0);
        process.stdout.write(`${s.id}  ${s.startedAt}  ${String(s.interactions.length).padStart(4)} calls  ${String(tokens).padStart(8)} tok  ${s.models.join(',') || '-'}  ${s.title}\n`);
      }
    });

  program
    .command('export')
    .description('export sessions')
    .argument('[ids...]', 'session ids')
    .option('--all', 'every session')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'har', 'md', 'html']).default('json'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--data-dir <dir>', 'data folder')
    .action(async (ids: string[], flags: { all?: boolean; format: string; out?: string; dataDir?: string }) => {
      if (flags.format !== 'json') throw new ThreadtapError('bad-option', `--format ${flags.format} is not available yet; use --format json`);
      if (!flags.all && ids.length === 0) throw new ThreadtapError('bad-option', 'name session ids or pass --all');
      const doc = await readSessions(resolveDataDir(flags.dataDir ?? program.opts().dataDir));
      if (!flags.all) {
        const wanted = new Set(ids);
        doc.sessions = doc.sessions.filter((s) => wanted.has(s.id));
        const missing = ids.filter((id) => !doc.sessions.some((s) => s.id === id));
        if (missing.length) throw new ThreadtapError('not-found', `no session ${missing.join(', ')}`);
      }
      const text = JSON.stringify(doc, null, 2) + '\n';
      if (flags.out) await writeFile(flags.out, text);
      else process.stdout.write(text);
    });
}
