// Seeds a data dir through the real store: many one-call sessions and one long session, as the capture pipeline
// would have written them (exchange + parse + placement).

import type { InteractionRecord } from '../shared/interaction';
import type { Message } from '../shared/normalized';
import { openStore } from '../electron/core/store';

const text = (role: Message['role'], t: string): Message => ({ role, parts: [{ type: 'text', text: t }] });

function record(id: string, at: number, sessionId: string, parentId: string | null, messages: Message[], answer: string): InteractionRecord {
  const body = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: messages.map((m) => ({ role: m.role, content: (m.parts[0] as { text: string }).text })) });
  return {
    id,
    exchange: {
      id,
      via: 'proxy',
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages',
      requestHeaders: { 'content-type': 'application/json', 'user-agent': 'claude-cli/2.0.14 (external, cli)', 'x-api-key': 'sk-ant-…9f3a' },
      requestBody: { encoding: 'utf8', data: body, size: body.length },
      status: 200,
      responseHeaders: { 'content-type': 'application/json' },
      state: 'complete',
      startedAt: at,
      headersAt: at + 300,
      firstByteAt: at + 320,
      endedAt: at + 1200,
    },
    parsed: {
      provider: 'anthropic',
      api: 'anthropic-messages',
      endpoint: '/v1/messages',
      model: 'claude-sonnet-4-5',
      request: { model: 'claude-sonnet-4-5', messages, params: { max_tokens: 1024 }, stream: false, sessionHints: {} },
      response: { model: 'claude-sonnet-4-5', outputs: [text('assistant', answer)], usage: { inputTokens: 1200, outputTokens: 180, cacheReadTokens: 800 }, stopReason: 'end', rawStopReason: 'end_turn', streamed: false },
      notes: [],
    },
    placement: { sessionId, parentId, kind: parentId ? 'turn' : 'start' },
  };
}

export interface SeedResult {
  longSessionId: string;
  /** The long session's newest turn: what its timeline shows first (it opens following the end). */
  lastTurnId: string;
  interactions: number;
}

/**
 * `sessions` one-call sessions, and one session of `longTurns` turns. The long session's requests carry a sliding
 * window of the last messages rather than the whole history, to keep seeding within memory; the timeline's work
 * (one card per turn) is the same.
 */
export async function seedUiData(dataDir: string, sessions: number, longTurns: number): Promise<SeedResult> {
  const store = await openStore({ dataDir });
  const start = Date.now() - (sessions + longTurns) * 2000;
  for (let i = 0; i < sessions; i++) {
    const id = `seed-${i}`;
    store.putInteraction(record(id, start + i * 1000, id, null, [text('user', `Session ${i}: refactor module ${i % 97} and explain the change`)], `Done with module ${i % 97}. **Summary**: renamed things.`));
  }
  const longId = 'long-0';
  let history: Message[] = [];
  for (let t = 0; t < longTurns; t++) {
    const id = `long-${t}`;
    history = [...history.slice(-6), text('user', `Step ${t}: run the tests and fix failure number ${t}`)];
    store.putInteraction(record(id, start + sessions * 1000 + t * 1000, longId, t === 0 ? null : `long-${t - 1}`, history, `Fixed failure ${t}.\n\n\`\`\`ts\nexpect(result).toBe(${t});\n\`\`\``));
    history = [...history, text('assistant', `Fixed failure ${t}.`)];
  }
  await store.flush();
  await store.close();
  return { longSessionId: longId, lastTurnId: `long-${longTurns - 1}`, interactions: sessions + longTurns };
}
