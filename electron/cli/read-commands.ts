// `sessions`: read a data dir, also while another process is capturing into it.

import type { Command } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { openStoreReader } from '../core/store';
import { sessionGroups } from '../core/export/session-groups';
import { planSessions } from '../core/export/session-plan';
import { registerExportCommand } from './export-command';
import { sessionTree, type SessionNode } from '../core/export/session-tree';

/** Sessions with their headers only, built as an export builds them: one record in memory at a time. */
async function readSessions(dataDir: string) {
  const reader = await openStoreReader(dataDir);
  try {
    return await sessionGroups(reader, planSessions(await reader.listInteractionRefs()));
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
      const tree = sessionTree(await readSessions(resolveDataDir(flags.dataDir ?? program.opts().dataDir)));
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
  // `export` lives in its own file; registered here so the CLI's entry point lists read commands in one call.
  registerExportCommand(program);
}
