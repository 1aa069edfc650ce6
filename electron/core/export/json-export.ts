// The versioned JSON export (ARCHITECTURE §4). Sessions come from the interactions' placements; request and
// response bodies are reproduced as sent (parsed JSON where they are JSON).

import type { Body } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Message, Usage } from '../../../shared/normalized';
import type { SessionRelation } from '../../../shared/session';
import { fallbackTitle, firstUserText, generatedTitle } from './session-title';

export interface ExportedInteraction {
  id: string;
  parentId: string | null;
  kind: string;
  startedAt: string;
  durationMs: number | null;
  provider: string;
  endpoint: string;
  model: string | null;
  status: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number | null; headers: Record<string, string>; body: unknown; stream?: unknown[] } | null;
  messages: Message[];
  output: Message[] | null;
  usage: Usage;
  notes?: string[];
}

export interface ExportedSession {
  id: string;
  title: string;
  parentSessionId: string | null;
  relation: SessionRelation | null;
  startedAt: string;
  endedAt: string;
  models: string[];
  usage: Usage;
  interactions: ExportedInteraction[];
}

export interface SessionsExport {
  format: 'threadtap.sessions';
  version: 1;
  exportedAt: string;
  sessions: ExportedSession[];
}

export function bodyValue(body: Body | undefined): unknown {
  if (!body) return null;
  if (body.encoding === 'base64') return { base64: body.data };
  try {
    return JSON.parse(body.data);
  } catch {
    return body.data;
  }
}

export function addUsage(total: Usage, usage: Usage): Usage {
  const out: Usage = { ...total };
  for (const key of Object.keys(usage) as (keyof Usage)[]) {
    const value = usage[key];
    if (typeof value === 'number') out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

function exportInteraction(record: InteractionRecord): ExportedInteraction {
  const { exchange, parsed } = record;
  const streamed = parsed.response?.streamed ?? false;
  return {
    id: record.id,
    parentId: record.placement?.parentId ?? null,
    kind: record.placement?.kind ?? 'standalone',
    startedAt: new Date(exchange.startedAt).toISOString(),
    durationMs: exchange.endedAt !== undefined ? exchange.endedAt - exchange.startedAt : null,
    provider: parsed.provider,
    endpoint: parsed.endpoint,
    model: parsed.response?.model ?? parsed.model ?? null,
    status: exchange.state,
    request: { method: exchange.method, url: exchange.url, headers: exchange.requestHeaders, body: bodyValue(exchange.requestBody) },
    response:
      exchange.status === undefined
        ? null
        : {
            status: exchange.status,
            headers: exchange.responseHeaders ?? {},
            body: streamed ? (parsed.response ?? bodyValue(exchange.responseBody)) : bodyValue(exchange.responseBody),
            ...(streamed ? { stream: parsed.streamEvents ?? [] } : {}),
          },
    messages: parsed.request?.messages ?? [],
    output: parsed.response?.outputs ?? null,
    usage: parsed.response?.usage ?? {},
    ...(parsed.notes.length ? { notes: parsed.notes } : {}),
  };
}

export function buildSessionsExport(records: InteractionRecord[], now = new Date()): SessionsExport {
  const bySession = new Map<string, InteractionRecord[]>();
  for (const record of records) {
    const sessionId = record.placement?.sessionId ?? record.id;
    let list = bySession.get(sessionId);
    if (!list) bySession.set(sessionId, (list = []));
    list.push(record);
  }
  const links = new Map<string, NonNullable<InteractionRecord['placement']>['link']>();
  const generatedTitles = new Map<string, string>();
  for (const [id, list] of bySession) {
    list.sort((a, b) => a.exchange.startedAt - b.exchange.startedAt || a.id.localeCompare(b.id));
    const link = list.find((r) => r.placement?.link)?.placement?.link;
    links.set(id, link);
    const title = link?.relation === 'side' ? generatedTitle(list) : undefined;
    if (link && title && !generatedTitles.has(link.parentSessionId)) generatedTitles.set(link.parentSessionId, title);
  }
  const sessions: ExportedSession[] = [];
  for (const [id, list] of bySession) {
    const link = links.get(id);
    const models = [...new Set(list.map((r) => r.parsed.response?.model ?? r.parsed.model).filter((m): m is string => !!m))];
    sessions.push({
      id,
      title: generatedTitles.get(id) ?? firstUserText(list) ?? fallbackTitle(list),
      parentSessionId: link?.parentSessionId ?? null,
      relation: link?.relation ?? null,
      startedAt: new Date(list[0].exchange.startedAt).toISOString(),
      endedAt: new Date(Math.max(...list.map((r) => r.exchange.endedAt ?? r.exchange.startedAt))).toISOString(),
      models,
      usage: list.reduce<Usage>((total, r) => addUsage(total, r.parsed.response?.usage ?? {}), {}),
      interactions: list.map(exportInteraction),
    });
  }
  sessions.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { format: 'threadtap.sessions', version: 1, exportedAt: now.toISOString(), sessions };
}
