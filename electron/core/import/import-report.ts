// What an import did, counted the way a person asks about it: what was read, what is new, what was already there,
// what was left out and why.

export interface EntryFailure {
  file: string;
  /** Position in the file's `log.entries`. */
  index: number;
  /** Method and URL when the entry had them, for finding it again. */
  what?: string;
  reason: string;
}

export interface FileReport {
  file: string;
  creator?: string;
  entries: number;
  /** The file ended early or broke mid-way; the entries before that point were imported. */
  broken?: string;
}

export interface ImportReport {
  files: FileReport[];
  /** Entries read from all files. */
  read: number;
  /** New exchanges written to the store. */
  imported: number;
  /** Of those, calls that parsed as LLM conversations and were placed in sessions. */
  llmCalls: number;
  /** Sessions the imported LLM calls landed in, and how many of those were already in the store. */
  sessions: number;
  continuedSessions: number;
  /** Already in the store, or twice in the input. */
  duplicates: number;
  /** Traffic a live proxy would have tunnelled untouched (not an LLM API host or endpoint); left out. */
  notLlmTraffic: number;
  /** Entries whose body the writing tool left out of the file (HTTP Toolkit drops bodies over 40 KB). */
  bodiesMissing: number;
  /** Entries that could not be imported; `failures` lists the first of them with the reason. */
  failed: number;
  failures: EntryFailure[];
  /** Earlier placements, stored or imported, that the import revised. */
  revised: number;
}

export function emptyReport(): ImportReport {
  return {
    files: [],
    read: 0,
    imported: 0,
    llmCalls: 0,
    sessions: 0,
    continuedSessions: 0,
    duplicates: 0,
    notLlmTraffic: 0,
    bodiesMissing: 0,
    failed: 0,
    failures: [],
    revised: 0,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Records a failed entry; only the first ones are kept with their reason, so a file of garbage stays cheap. */
export function addFailure(report: ImportReport, failure: EntryFailure): void {
  report.failed++;
  if (report.failures.length < 1000) report.failures.push(failure);
}

/** The summary the CLI prints. */
export function formatReport(report: ImportReport, maxFailures = 20): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`${file.file}: ${plural(file.entries, 'entry', 'entries')}${file.creator ? ` (written by ${file.creator})` : ''}`);
    if (file.broken) lines.push(`  warning: ${file.broken}`);
  }
  lines.push(`read ${plural(report.read, 'entry', 'entries')}; imported ${report.imported}`);
  lines.push(
    `  ${plural(report.llmCalls, 'LLM call')} placed in ${plural(report.sessions, 'session')}` +
      (report.continuedSessions ? ` (${report.continuedSessions} already in the store, now continued)` : ''),
  );
  if (report.imported > report.llmCalls) lines.push(`  ${plural(report.imported - report.llmCalls, 'other exchange')} with LLM API hosts`);
  lines.push(`  ${plural(report.duplicates, 'duplicate')} skipped (already in the store or repeated in the input)`);
  if (report.notLlmTraffic) lines.push(`  ${plural(report.notLlmTraffic, 'entry', 'entries')} skipped as not LLM API traffic (use --all-entries to keep them)`);
  if (report.bodiesMissing) lines.push(`  ${plural(report.bodiesMissing, 'entry', 'entries')} without a body the writing tool left out of the file`);
  if (report.failed) {
    lines.push(`  ${plural(report.failed, 'entry', 'entries')} could not be imported:`);
    for (const f of report.failures.slice(0, maxFailures)) lines.push(`    ${f.file} entry ${f.index}${f.what ? ` (${f.what})` : ''}: ${f.reason}`);
    if (report.failed > maxFailures) lines.push(`    … and ${report.failed - Math.min(maxFailures, report.failures.length)} more`);
  }
  return lines.join('\n') + '\n';
}
