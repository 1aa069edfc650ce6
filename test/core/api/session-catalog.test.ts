import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../shared/interaction';
import type { HistoryMark } from '../../../shared/turn-delta';
import { createPriceTable } from '../../../electron/core/api/price-table';
import { createSessionCatalog } from '../../../electron/core/api/session-catalog';
import { buildTurnMeta, digestKey } from '../../../electron/core/api/turn-view';
import { claudeCodeSession, inFlight, openAiChatSession, parseRecorded } from '../store/agent-session-factory';
import { makeExchange } from '../store/store-factories';
import { memoryUsed } from '../../helpers/gc';

/** Turns of one session chained as reconstruction would place them. */
function placed(records: InteractionRecord[]): InteractionRecord[] {
  return records.map((record, i) => ({
    ...record,
    placement: { sessionId: records[0].id, parentId: i === 0 ? null : records[i - 1].id, kind: i === 0 ? 'start' : 'turn' },
  }));
}

/** A unique one-off call, like the load test's: its own session, a short question, a short answer. */
function oneOff(n: number, usage = { prompt_tokens: 20, completion_tokens: 3, total_tokens: 23 }): InteractionRecord {
  const question = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Question ${n}: what is ${n} + 1?` }] });
  const answer = JSON.stringify({ id: `chatcmpl-${n}`, object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'Paris.' }, finish_reason: 'stop' }], usage });
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const exchange = makeExchange(id, {
    url: 'https://api.openai.com/v1/chat/completions',
    requestHeaders: { 'content-type': 'application/json', 'user-agent': 'OpenAI/Python 1.99.0' },
    requestBody: { encoding: 'utf8', data: question, size: question.length },
    responseBody: { encoding: 'utf8', data: answer, size: answer.length },
    startedAt: 1_760_000_000_000 + n * 1000,
    headersAt: 1_760_000_000_000 + n * 1000 + 300,
    firstByteAt: 1_760_000_000_000 + n * 1000 + 310,
    endedAt: 1_760_000_000_000 + n * 1000 + 320,
  });
  return { id, exchange, parsed: parseRecorded(exchange), placement: { sessionId: id, parentId: null, kind: 'standalone' } };
}

describe('session catalog', () => {
  it('gives back each turn exactly as it was built from its record', () => {
    const prices = createPriceTable();
    const catalog = createSessionCatalog(prices);
    const sessions = [
      placed([...claudeCodeSession({ seed: 7, turns: 4, idPrefix: 'cc', size: 0.05 })]),
      placed([...openAiChatSession({ seed: 8, turns: 3, idPrefix: 'oa' })]),
    ];
    const failed: InteractionRecord = { ...oneOff(1), placement: { sessionId: 'failed', parentId: null, kind: 'start', link: { parentSessionId: sessions[0][0].id, relation: 'side', viaInteractionId: sessions[0][1].id } } };
    failed.exchange = { ...failed.exchange, state: 'error', status: undefined, error: { code: 'ECONNRESET', message: 'socket hang up' } };
    for (const record of [...sessions.flat(), failed]) catalog.ingest(record);

    const marks = new Map<string, HistoryMark>();
    for (const record of [...sessions.flat(), failed]) {
      const parentId = record.placement?.parentId;
      const { meta, mark } = buildTurnMeta(record, parentId ? marks.get(parentId) : undefined, prices, digestKey);
      marks.set(record.id, mark);
      expect(JSON.parse(JSON.stringify(catalog.turn(record.id)))).toEqual(JSON.parse(JSON.stringify(meta)));
    }
    const metas = sessions[0].map((r) => catalog.turn(r.id)!);
    const row = catalog.row(sessions[0][0].id);
    expect(row).toMatchObject({ turns: 4, models: [...new Set(metas.map((m) => m.model))], providers: ['anthropic'], errors: 0, inFlight: 0 });
    expect(row.costUsd).toBeCloseTo(metas.reduce((sum, m) => sum + (m.cost?.usd ?? 0), 0), 10);
    expect(row.children.map((c) => [c.id, c.errors])).toEqual([['failed', 1]]);
    // New messages were found against the parent's mark as the catalog keeps it: later turns start past the history.
    expect(sessions[0].slice(1).every((r) => catalog.turn(r.id)!.newFrom > 0)).toBe(true);
  });

  it('follows a streaming turn from pending to streaming to complete', () => {
    const catalog = createSessionCatalog(createPriceTable());
    const [record] = placed([...openAiChatSession({ seed: 3, turns: 1, idPrefix: 'live' })]);
    const started = { ...inFlight(record), placement: record.placement, exchange: { ...inFlight(record).exchange, state: 'pending' as const } };
    catalog.ingest(started, '');
    expect(catalog.progress(record.id, 'Hel')?.state).toBe('streaming');
    expect(catalog.turn(record.id)?.state).toBe('streaming');
    expect(catalog.streamedText(record.id)).toBe('Hel');
    catalog.ingest(record);
    expect(catalog.turn(record.id)?.state).toBe('complete');
    expect(catalog.streamedText(record.id)).toBeUndefined();
    expect(catalog.row(record.id).inFlight).toBe(0);
  });

  // Token counts differ from call to call in real traffic; the load test's upstream answers the same ones every time.
  it.each([
    ['the same usage as every other', (_n: number) => undefined],
    ['a usage of its own', (n: number) => ({ prompt_tokens: 20 + n, completion_tokens: 3 + (n % 50), total_tokens: 23 + n + (n % 50) })],
  ])('keeps a one-off call with %s in under 380 bytes of memory', (_label, usageOf) => {
    const count = 10_000;
    const catalog = createSessionCatalog(createPriceTable());
    catalog.ingest(oneOff(count, usageOf(count)));
    const before = memoryUsed();
    // Each record is built and dropped here, so what stays is what the catalog keeps (or what it keeps alive).
    for (let n = 0; n < count; n++) catalog.ingest(oneOff(n, usageOf(n)));
    const perTurn = (memoryUsed() - before) / count;
    // A StoredTurn object per call (its start and cost heap numbers, its two digest strings), a session object with
    // its array of turn ids, and a Map entry for each held ~650 bytes here (~550 once fixed costs are spread over
    // 30,000 calls). A usage of its own cost its object and a key in the sharing table: ~440 with all else in columns.
    expect(perTurn).toBeLessThan(380);
    expect(catalog.rootIds()).toHaveLength(count + 1);
    expect(catalog.row(oneOff(5).id).title).toBe('Question 5: what is 5 + 1?');
  });
});
