// `--format json` written as a stream: the document's opening, then each session's header and its interactions one
// at a time, each serialized on its own. The whole document is never one string; the redaction summary comes last
// because it is only known once everything was written.

import type { ExportContext } from './export-context';
import { exportInteraction } from './json-export';
import { loadRecords } from './session-plan';

export async function writeJsonExport(ctx: ExportContext): Promise<void> {
  const { sink, redactor } = ctx;
  await sink.write(`{"format":"threadtap.sessions","version":1,"exportedAt":${JSON.stringify(ctx.now.toISOString())},"sessions":[`);
  let firstSession = true;
  for (const group of ctx.groups) {
    const header = JSON.stringify(redactor.json(group.header));
    await sink.write(`${firstSession ? '\n' : ',\n'}${header.slice(0, -1)},"interactions":[`);
    firstSession = false;
    let first = true;
    for await (const record of loadRecords(ctx.source, group.refs)) {
      await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(exportInteraction(record, redactor))}`);
      first = false;
    }
    await sink.write(']}');
  }
  await sink.write(`\n],"redaction":${JSON.stringify(redactor.summary())}}\n`);
}
