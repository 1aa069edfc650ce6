// The UI's export route on the real engine: several sessions picked in the list come back together in one file
// (`session` repeated), each with its own interactions; an unknown id is refused with a status before any byte of
// a file is sent; the file is streamed whole.

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { SessionsExport } from '../../electron/core/export/json-export';
import { exportedInteractions, useTestEngine } from '../helpers/engine-harness';

const live = useTestEngine();

const api = (path: string) => fetch(new URL(live.engine.uiUrl).origin + path, { headers: { authorization: `Bearer ${live.engine.token}` } });

async function threeConversations(): Promise<string[]> {
  const client = new OpenAI({ apiKey: 'sk-export-api-test-0000000000000000', baseURL: `${live.engine.proxyUrl}/openai/v1`, maxRetries: 0 });
  for (const topic of ['tide tables', 'bread starters', 'violin strings']) {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Tell me about ${topic}.` }] });
  }
  const { doc } = await exportedInteractions(live.engine.dataDir, 3);
  return doc.sessions.map((s) => s.id);
}

describe('GET /api/export', () => {
  it('exports several picked sessions together in one file, and only those', async () => {
    const [first, , third] = await threeConversations();
    const res = await api(`/api/export?format=json&session=${first}&session=${third}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('threadtap-2-sessions.json');
    const doc = (await res.json()) as SessionsExport;
    expect(doc.sessions.map((s) => s.id)).toEqual([first, third]);
    expect(doc.sessions.map((s) => s.title)).toEqual(['Tell me about tide tables.', 'Tell me about violin strings.']);
    expect(doc.sessions.every((s) => s.interactions.length === 1)).toBe(true);
  });

  it('refuses an unknown session with 404 and an error body, not a broken file', async () => {
    const [first] = await threeConversations();
    const res = await api(`/api/export?format=har&session=${first}&session=no-such-session`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toContain('no-such-session');
  });
});
