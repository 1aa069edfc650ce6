// `--format html`: one self-contained file, the timeline with collapsible turns and raw bodies, readable by someone
// without Threadtap. Everything is inline and a Content-Security-Policy forbids any fetch, so opening it makes no
// network request. The data is streamed in as one JSON block per session header and per turn, the script that
// renders them comes last.

import type { InteractionRecord } from '../../../shared/interaction';
import type { TurnView } from '../../../shared/api-contract';
import type { Body } from '../../../shared/exchange';
import { createPriceTable } from '../api/price-table';
import type { ExportContext } from './export-context';
import { FLOW_HOOK, FlowCollector, flowRendererScript } from './html-flow';
import { HTML_RUNTIME } from './html-runtime';
import { HTML_STYLE } from './html-style';
import type { Redactor } from './redaction';
import { loadRecords } from './session-plan';
import { sessionTurns } from './turn-views';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** JSON inside <script>: `<` escaped so no content can close the block; U+2028/9 for older parsers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Raw bodies as the reader wants them: JSON pretty-printed, stream and other text as received. */
function rawBody(body: Body | undefined, redactor: Redactor): string | null {
  if (!body) return null;
  if (body.encoding === 'base64') return `(binary, ${body.size} bytes)`;
  const text = redactor.bodyText(body.data);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function turnData(record: InteractionRecord, turn: TurnView, redactor: Redactor) {
  const x = record.exchange;
  const url = redactor.url(x.url);
  return {
    id: turn.id,
    kind: turn.kind,
    parentId: turn.parentId,
    model: turn.model ?? null,
    provider: turn.provider,
    endpoint: turn.endpoint,
    state: turn.state,
    status: turn.status ?? null,
    failed: turn.state === 'error' || turn.state === 'aborted' || (turn.status ?? 200) >= 400,
    startedAt: new Date(turn.startedAt).toISOString(),
    durationMs: turn.endedAt !== undefined ? turn.endedAt - turn.startedAt : null,
    usage: turn.usage,
    cost: turn.cost,
    newFrom: turn.newFrom,
    newMessages: redactor.json(turn.newMessages),
    outputs: redactor.json(turn.outputs),
    rawStopReason: turn.rawStopReason ?? null,
    error: turn.error ? { code: turn.error.code, message: redactor.text(turn.error.message) } : null,
    responseError: turn.responseError ? redactor.json(turn.responseError) : null,
    // Each string goes through the redactor exactly once, so the summary counts each replacement once.
    request: { line: `${x.method} ${url}`, headers: redactor.headers(x.requestHeaders), body: rawBody(x.requestBody, redactor) },
    response: x.status === undefined ? null : { line: `HTTP ${x.status}`, headers: redactor.headers(x.responseHeaders ?? {}), body: rawBody(x.responseBody, redactor) },
  };
}

export async function writeHtmlExport(ctx: ExportContext): Promise<void> {
  const { sink, redactor } = ctx;
  const prices = createPriceTable();
  const count = ctx.groups.length;
  const title = count === 1 ? redactor.text(ctx.groups[0].header.title) : `${count} sessions`;
  await sink.write(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">\n` +
      `<title>Threadtap · ${escapeHtml(title)}</title>\n<style>${HTML_STYLE}</style></head>\n<body>\n` +
      `<header class="top"><h1>Threadtap export</h1><span class="meta">${escapeHtml(title)} · exported ${ctx.now.toISOString().replace('T', ' ').slice(0, 19)} UTC</span>` +
      `<span class="spacer"></span><input id="filter" type="search" placeholder="Filter turns"><button id="expand" type="button">Expand all</button><button id="collapse" type="button">Collapse all</button></header>\n` +
      `<main id="app"><noscript>This export renders with JavaScript; its data is in the JSON blocks of this file.</noscript></main>\n`,
  );
  const flow = new FlowCollector();
  for (const { header, refs, costUsd } of ctx.groups) {
    flow.addSession(header, redactor.text(header.title));
    await sink.write(`<script type="application/json" class="tt-session">${scriptJson({ header: redactor.json(header), costUsd })}</script>\n`);
    for await (const { record, turn } of sessionTurns(loadRecords(ctx.source, refs), prices)) {
      flow.addTurn(turn, (text) => redactor.text(text));
      await sink.write(`<script type="application/json" class="tt-turn">${scriptJson(turnData(record, turn, redactor))}</script>\n`);
    }
  }
  await sink.write(`<script type="application/json" id="tt-meta">${scriptJson({ exportedAt: ctx.now.toISOString(), redaction: redactor.summary() })}</script>\n`);
  // The flow carries timings, usage, models and tool names only: no message text that redaction would have to see.
  const renderer = await flowRendererScript();
  if (renderer) {
    await sink.write(`<script type="application/json" id="tt-flow-data">${scriptJson(flow.runs())}</script>\n`);
    await sink.write(`<script>${renderer}\n${FLOW_HOOK}</script>\n`);
  }
  await sink.write(`<script>${HTML_RUNTIME}</script>\n</body></html>\n`);
}
