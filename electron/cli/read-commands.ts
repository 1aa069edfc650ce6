// `sessions` and `export`: read a data dir, also while another process is capturing into it.

import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { openStoreReader } from '../core/store';
import { buildSessionsExport } from '../core/export/json-export';
import { sessionTree, type SessionNode } from '../core/export/session-tree';
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
    .description('list captured sessions as a tree: sub-agents, side calls and continuations under their session')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data folder')
    .action(async (flags: { json?: boolean; dataDir?: string }) => {
      const doc = await readSessions(resolveDataDir(flags.dataDir ?? program.opts().dataDir));
      const tree = sessionTree(doc.sessions);
      if (flags.json) {
        process.stdout.write(JSON.stringify({ sessions: tree }, null, 2) + '\n');
        return;
      }
      if (tree.length === 0) {
        process.stdout.write('No sessions captured yet. Start one with `threadtap run -- <command>`.\n');
        return;
      }
      const print = (node: SessionNode, depth: number) => {
        const tokens = (node.usage.inputTokens ?? 0) + (node.usage.outputTokens ?? 0);
        const label = depth ? `${'  '.repeat(depth)}└ ${node.relation ?? 'linked'}: ` : '';
        process.stdout.write(
          `${node.id}  ${node.startedAt}  ${String(node.interactionCount).padStart(4)} calls  ${String(tokens).padStart(8)} tok  ${node.models.join(',') || '-'}  ${label}${node.title}\n`,
        );
        for (const child of node.children) print(child, depth + 1);
      };
      for (const root of tree) print(root, 0);
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
