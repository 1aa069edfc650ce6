// `export`: sessions to a file (or stdout) as JSON, HAR, Markdown or one self-contained HTML file. Redaction is on
// by default; what it replaced is summarized on stderr. Written to a temporary file next to --out and renamed at
// the end, so an interrupted export never leaves a half-written file under the name asked for. Sessions are chosen
// from the store's refs and each record is read when it is written, so memory does not grow with the bodies.

import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { ThreadtapError } from '../core/errors';
import { EXPORT_FORMATS, type ExportFormat } from '../core/export/export-context';
import { parseSince, selectSessions } from '../core/export/export-selection';
import { streamSink } from '../core/export/export-sink';
import { formatRedactionSummary } from '../core/export/redaction';
import { runExport } from '../core/export/run-export';
import { openStoreReader } from '../core/store';

interface ExportFlags {
  all?: boolean;
  since?: string;
  search?: string;
  format: ExportFormat;
  out?: string;
  dataDir?: string;
  redact: boolean;
  redactEmails: boolean;
  redactPattern: string[];
  redactField: string[];
  children: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function checkPatterns(patterns: string[]): void {
  for (const source of patterns) {
    try {
      new RegExp(source, 'g');
    } catch (error) {
      throw new ThreadtapError('bad-option', `--redact-pattern ${source}: ${(error as Error).message}`);
    }
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export sessions as JSON, HAR, Markdown or a self-contained HTML file, with secrets redacted')
    .argument('[ids...]', 'session ids (sessions linked under them come along)')
    .option('--all', 'every session')
    .option('--since <time>', 'sessions active since an ISO time, epoch ms, or a duration back from now (2h, 7d)')
    .option('--search <text>', 'sessions whose messages or title mention this text')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('json'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--no-redact', 'keep content as captured (credentials are still never exported)')
    .option('--no-redact-emails', 'keep email addresses')
    .option('--redact-pattern <regex>', 'also replace what this regular expression matches (repeatable)', collect, [])
    .option('--redact-field <name>', 'replace the value of every JSON field or header with this name (repeatable)', collect, [])
    .option('--no-children', 'named sessions only, without their sub-agents and side calls')
    .option('--data-dir <dir>', 'data folder')
    .action(async (ids: string[], flags: ExportFlags) => {
      checkPatterns(flags.redactPattern);
      const since = flags.since !== undefined ? parseSince(flags.since) : undefined;
      const reader = await openStoreReader(resolveDataDir(flags.dataDir ?? program.opts().dataDir));
      try {
        const sessions = await selectSessions(reader, { sessionIds: ids, all: flags.all, since, search: flags.search, withChildren: flags.children });
        const redaction = { content: flags.redact, emails: flags.redactEmails, patterns: flags.redactPattern, fields: flags.redactField };
        const run = { source: reader, sessions, format: flags.format, redaction };
        const summary = flags.out ? await exportToFile(flags.out, run) : await runExport({ ...run, sink: streamSink(process.stdout) });
        process.stderr.write(`exported ${sessions.length} session${sessions.length === 1 ? '' : 's'} as ${flags.format}${flags.out ? ` to ${flags.out}` : ''}; ${formatRedactionSummary(summary)}`);
      } finally {
        await reader.close();
      }
    });
}

async function exportToFile(out: string, run: Omit<Parameters<typeof runExport>[0], 'sink'>) {
  const temp = `${out}.${process.pid}.partial`;
  const stream = createWriteStream(temp);
  try {
    const summary = await runExport({ ...run, sink: streamSink(stream) });
    stream.end();
    await finished(stream);
    await rename(temp, out);
    return summary;
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
