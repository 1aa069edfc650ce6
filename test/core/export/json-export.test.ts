import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement } from '../../../shared/session';
import { exportInteraction } from '../../../electron/core/export/json-export';
import { Redactor } from '../../../electron/core/export/redaction';
import { sessionGroups, type SessionGroup } from '../../../electron/core/export/session-groups';
import { loadRecords, planSessions } from '../../../electron/core/export/session-plan';
import { openStore, type WritableStore } from '../../../electron/core/store';
import { sessionTree } from '../../../electron/core/export/session-tree';
import { parseCapturedExchange } from '../../../electron/core/capture/capture-pipeline';

let clock = Date.parse('2026-11-24T10:00:00Z');

function record(id: string, placement: Placement, body: unknown, response: unknown): InteractionRecord {
  const startedAt = (clock += 1000);
  const exchange: InteractionRecord['exchange'] = {
    id,
    via: 'proxy',
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    requestHeaders: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…abcd' },
    requestBody: { encoding: 'utf8', data: JSON.stringify(body), size: 0 },
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { encoding: 'utf8', data: JSON.stringify(response), size: 0 },
    state: 'complete',
    startedAt,
    endedAt: startedAt + 400,
  };
  return { id, exchange, parsed: parseCapturedExchange(exchange), placement };
}

const answer = (text: string, model = 'claude-sonnet-4-5') => ({
  id: `msg_${text.length}`,
  type: 'message',
  role: 'assistant',
  model,
  content: [{ type: 'text', text }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 10, output_tokens: 5 },
});

describe('JSON export', () => {
  const main1 = record('a1', { sessionId: 'a1', parentId: null, kind: 'start' }, { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: '<system-reminder>ctx</system-reminder>' }, { type: 'text', text: 'Fix the failing test in parser.ts' }] }] }, answer('Looking at it.'));
  const title = record('t1', { sessionId: 't1', parentId: null, kind: 'side', link: { parentSessionId: 'a1', relation: 'side' } }, { model: 'claude-haiku-4-5', max_tokens: 50, system: 'Write a 3-6 word title for this conversation. Answer with the title only.', messages: [{ role: 'user', content: 'Fix the failing test in parser.ts' }] }, answer('Fixing the parser test', 'claude-haiku-4-5'));
  const main2 = record('a2', { sessionId: 'a1', parentId: 'a1', kind: 'turn' }, { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] }, answer('Done.'));
  const redactor = new Redactor({ content: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'threadtap-json-export-'));
  let store: WritableStore;
  let groups: SessionGroup[];
  let doc: { sessions: (SessionGroup['header'] & { interactions: ReturnType<typeof exportInteraction>[] })[] };

  // Through the real store, in an order unlike start order: sessions are planned from its refs alone.
  beforeAll(async () => {
    store = await openStore({ dataDir, worker: false });
    for (const r of [main2, title, main1]) store.putInteraction(r);
    groups = await sessionGroups(store, planSessions(await store.listInteractionRefs()));
    const sessions = [];
    for (const { header, refs } of groups) {
      const interactions = [];
      for await (const r of loadRecords(store, refs)) interactions.push(exportInteraction(r, redactor));
      sessions.push({ ...header, interactions });
    }
    doc = { sessions };
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('groups interactions by session with parents, kinds, usage totals and models', () => {
    const main = doc.sessions.find((s) => s.id === 'a1')!;
    expect(main.interactions.map((i) => [i.id, i.parentId, i.kind])).toEqual([['a1', null, 'start'], ['a2', 'a1', 'turn']]);
    expect(main.usage).toEqual({ inputTokens: 20, outputTokens: 10, totalTokens: 30 });
    expect(main.models).toEqual(['claude-sonnet-4-5']);
    expect(main.interactions[0].request.body).toEqual(JSON.parse(main1.exchange.requestBody!.data));
    const side = doc.sessions.find((s) => s.id === 't1')!;
    expect(side).toMatchObject({ parentSessionId: 'a1', relation: 'side' });
  });

  it("titles a session with its side call's generated title, else its first typed message", () => {
    expect(doc.sessions.find((s) => s.id === 'a1')!.title).toBe('Fixing the parser test');
    expect(doc.sessions.find((s) => s.id === 't1')!.title).toBe('Fix the failing test in parser.ts');
  });

  it('nests linked sessions under their parent in the tree', () => {
    const tree = sessionTree(groups);
    expect(tree.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([['a1', ['t1']]]);
  });
});
