// `--format md`: a transcript to paste into a bug report. Per session a heading with its totals; per turn its kind,
// model, tokens and cost, then the messages new in that request and the answer.

import type { TurnView } from '../../../shared/api-contract';
import type { Usage } from '../../../shared/normalized';
import { createPriceTable } from '../api/price-table';
import type { ExportContext } from './export-context';
import { fenced, messageMarkdown } from './markdown-messages';
import { loadRecords } from './session-plan';
import { sessionTurns } from './turn-views';

export function tokenText(usage: Usage): string {
  const parts = [`${usage.inputTokens ?? 0} in`, `${usage.outputTokens ?? 0} out`];
  if (usage.cacheReadTokens) parts.push(`${usage.cacheReadTokens} cache read`);
  if (usage.cacheWriteTokens) parts.push(`${usage.cacheWriteTokens} cache write`);
  if (usage.reasoningTokens) parts.push(`${usage.reasoningTokens} reasoning`);
  return parts.join(' / ');
}

export const usd = (value: number) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(2)}`;

function turnHeading(turn: TurnView, index: number): string {
  const status = turn.status !== undefined ? `HTTP ${turn.status}` : turn.state;
  const duration = turn.endedAt !== undefined ? ` · ${((turn.endedAt - turn.startedAt) / 1000).toFixed(1)} s` : '';
  const cost = turn.cost ? ` · ${usd(turn.cost.usd)}` : '';
  return `### ${index}. ${turn.kind} · ${turn.model ?? 'unknown model'} · ${status}${duration} · ${tokenText(turn.usage)} tokens${cost}`;
}

export async function writeMarkdownExport(ctx: ExportContext): Promise<void> {
  const { sink, redactor } = ctx;
  const prices = createPriceTable();
  await sink.write(`# Threadtap export\n\nExported ${ctx.now.toISOString()} · ${ctx.groups.length} session${ctx.groups.length === 1 ? '' : 's'}\n`);
  for (const { header, refs, costUsd } of ctx.groups) {
    await sink.write(`\n---\n\n## ${redactor.text(header.title).replace(/\n/g, ' ')}\n\n`);
    const meta = [
      `- Session \`${header.id}\`${header.parentSessionId ? ` (${header.relation ?? 'linked'} of \`${header.parentSessionId}\`)` : ''}`,
      `- ${header.startedAt} → ${header.endedAt}, ${refs.length} call${refs.length === 1 ? '' : 's'}`,
      `- Models: ${header.models.join(', ') || 'unknown'}`,
      `- Tokens: ${tokenText(header.usage)}`,
    ];
    // The total was summed with the header, so turns can be written as they are built.
    meta.push(`- Cost: ${costUsd !== null ? usd(costUsd) : 'unknown'}`);
    await sink.write(meta.join('\n') + '\n');
    let index = 0;
    for await (const { record, turn } of sessionTurns(loadRecords(ctx.source, refs), prices)) {
      index++;
      const lines = ['', turnHeading(turn, index), '', `\`${turn.method} ${redactor.url(turn.url)}\` · ${turn.provider} · ${new Date(turn.startedAt).toISOString()} · id \`${record.id}\``];
      if (turn.error) lines.push('', `> Error: ${redactor.text(turn.error.message)}`);
      if (turn.responseError) lines.push('', `> Provider error: ${redactor.text(turn.responseError.message)}`);
      if (turn.kind === 'retry') lines.push('', '_Retry of the previous request: nothing new was sent._');
      else if (turn.newFrom > 0) lines.push('', `_${turn.newFrom} earlier message${turn.newFrom === 1 ? '' : 's'} of the history not repeated._`);
      for (const message of turn.newMessages) lines.push('', messageMarkdown(message, redactor));
      if (turn.outputs.length) {
        lines.push('', `**Answer**${turn.rawStopReason ? ` (stop: ${turn.rawStopReason})` : ''}`);
        for (const message of turn.outputs) lines.push('', messageMarkdown(message, redactor));
      } else if (!turn.error && !turn.responseError && record.exchange.responseBody?.encoding === 'utf8') {
        lines.push('', '**Response body**', '', fenced(redactor.bodyText(record.exchange.responseBody.data.slice(0, 4000))));
      }
      await sink.write(lines.join('\n') + '\n');
    }
  }
  const summary = redactor.summary();
  const replaced = Object.entries(summary.replaced).map(([rule, n]) => `${rule}: ${n}`).join(', ') || 'nothing matched';
  await sink.write(`\n---\n\n_Redaction (${summary.content ? 'on' : 'credentials only'}): ${replaced}._\n`);
}
