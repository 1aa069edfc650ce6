import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import WebSocket from 'ws';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-llm-upstream';
import { startTestEngine } from '../helpers/engine-harness';
import type { Engine } from '../../electron/core/engine';
import type { InteractionDetail, SessionDetail, SessionListResponse, SetupInfo } from '../../shared/api-contract';
import type { UiLiveMessage } from '../../shared/ui-live';

let upstream: FakeUpstream;
let engine: Engine;
let origin: string;

const get = async <T>(path: string): Promise<T> => {
  const res = await fetch(origin + path, { headers: { authorization: `Bearer ${engine.token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

function openLive(headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: UiLiveMessage[] }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/live`, { headers: { authorization: `Bearer ${engine.token}`, ...headers } });
  const messages: UiLiveMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as UiLiveMessage));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

async function until<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
  engine = await startTestEngine(upstream);
  origin = new URL(engine.uiUrl).origin;
});

afterAll(async () => {
  await engine?.stop();
  await upstream?.close();
});

describe('the local API', () => {
  it('lists a captured conversation as one session with its turns, and serves one interaction in full', async () => {
    const client = new OpenAI({ apiKey: 'sk-test-ui-api-0000000000000000', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    const first = [{ role: 'user' as const, content: 'Name a prime number above 90.' }];
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: first });
    const second = [...first, answer.choices[0].message, { role: 'user' as const, content: 'And one above 200?' }];
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: second as OpenAI.ChatCompletionMessageParam[] });

    const sessions = await (async () => {
      for (let i = 0; i < 100; i++) {
        const page = await get<SessionListResponse>('/api/sessions');
        const match = page.sessions.find((s) => s.title.includes('prime number'));
        if (match && match.turns === 2) return page;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('session did not appear');
    })();
    const row = sessions.sessions.find((s) => s.title.includes('prime number'))!;
    expect(row.providers).toContain('openai');
    expect(sessions.seq).toBeGreaterThan(0);

    const detail = await get<SessionDetail>(`/api/sessions/${row.id}`);
    expect(detail.turns).toHaveLength(2);
    // The second turn shows only the new user message, not the whole history again.
    expect(detail.turns[1].newMessages.map((m) => m.role)).toEqual(['user']);
    expect(JSON.stringify(detail.turns[1].newMessages)).toContain('above 200');

    const full = await get<InteractionDetail>(`/api/interactions/${detail.turns[1].id}`);
    expect(full.record.exchange.requestBody?.data).toContain('above 200');
    expect(full.curl).toMatch(/^curl /);
    expect(full.curl).not.toContain('sk-test-ui-api-0000000000000000');

    const found = await get<SessionListResponse>('/api/sessions?q=ABOVE%20200');
    expect(found.sessions.map((s) => s.id)).toContain(row.id);
    expect(found.hits?.[row.id]?.snippet).toMatch(/above 200/i);
    const none = await get<SessionListResponse>('/api/sessions?q=no-such-text-anywhere');
    expect(none.total).toBe(0);

    // The unfiltered list (rows built for its page only) agrees with a filtered one that builds every row.
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'A later, separate question' }] });
    await expect.poll(async () => (await get<SessionListResponse>('/api/sessions')).sessions[0]?.title).toBe('A later, separate question');
    const unfiltered = await get<SessionListResponse>('/api/sessions');
    const filtered = await get<SessionListResponse>('/api/sessions?provider=openai');
    expect(unfiltered.sessions.map((s) => s.id)).toEqual(filtered.sessions.map((s) => s.id));
    // The models the turns show (the upstream's answers name the model that served them).
    expect(unfiltered.facets.models).toEqual(expect.arrayContaining([...new Set(detail.turns.map((turn) => turn.model))]));
    expect(unfiltered.total).toBe(filtered.total);
    const secondPage = await get<SessionListResponse>('/api/sessions?limit=1&offset=1');
    expect(secondPage.sessions.map((s) => s.id)).toEqual([unfiltered.sessions[1].id]);
  });

  it('answers errors as {error:{code,message}}', async () => {
    const res = await fetch(`${origin}/api/sessions/nope`, { headers: { authorization: `Bearer ${engine.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('serves setup info with env lines for each shell and the base URLs', async () => {
    const setup = await get<SetupInfo>('/api/setup');
    expect(setup.envLines.bash).toContain('export HTTPS_PROXY=');
    expect(setup.envLines.fish).toContain('set -gx HTTPS_PROXY');
    expect(setup.envLines.powershell).toContain('$env:HTTPS_PROXY');
    expect(setup.baseUrls.find((b) => b.name === 'anthropic')?.forwardsTo).toBe('https://api.anthropic.com');
  });

  it('streams numbered live events over the WebSocket, progress included, after a hello with the current seq', async () => {
    const { ws, messages } = await openLive();
    const hello = await until(() => messages[0]);
    expect(hello.kind).toBe('hello');
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Stream please' }] });
    for await (const _chunk of stream) void _chunk;
    await until(() => messages.find((m) => m.kind === 'event' && m.event.type === 'interaction-completed'));
    const events = messages.filter((m): m is Extract<UiLiveMessage, { kind: 'event' }> => m.kind === 'event');
    const types = events.map((m) => m.event.type);
    expect(types[0]).toBe('interaction-started');
    expect(types).toContain('interaction-progress');
    expect(types).toContain('session-updated');
    // Consecutive numbers from the hello on: nothing lost, nothing doubled.
    events.forEach((m, i) => expect(m.seq).toBe(hello.seq + i + 1));
    ws.close();
  });

  it('sends a revised placement live with the turn content read back from the store', async () => {
    const { ws, messages } = await openLive();
    await until(() => messages[0]);
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    // A one-shot question to a small model looks like a side call until someone continues it.
    const question = 'Which river flows through Lyon?';
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    await until(() => messages.find((m) => m.kind === 'event' && m.event.type === 'interaction-completed' && m.event.turn.kind === 'side'));
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: question }, { role: 'assistant', content: first.choices[0].message.content }, { role: 'user', content: 'And which other river meets it there?' }],
    });
    const revised = await until(() => messages.find((m) => m.kind === 'event' && m.event.type === 'placement-revised'));
    if (revised.kind !== 'event' || revised.event.type !== 'placement-revised') throw new Error('not a revision');
    expect(revised.event.placement.kind).toBe('start');
    expect(revised.event.turn.kind).toBe('start');
    expect(JSON.stringify(revised.event.turn.newMessages)).toContain(question);
    expect(revised.event.turn.outputs.length).toBeGreaterThan(0);
    ws.close();
  });

  it('refuses a WebSocket without the token or from a foreign origin', async () => {
    const noToken = new WebSocket(`${origin.replace('http', 'ws')}/api/live`);
    const status = await new Promise<number>((resolve) => noToken.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    await expect(openLive({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });
});
