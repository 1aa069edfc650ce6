import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { placeAll, type ReconInteraction } from '../../../electron/core/sessions';
import { FIXTURES } from './anthropic-fixture';

// The recorded SDK traffic normalized by the real Anthropic adapter, not by a test converter.
describe('reconstruction of adapter-normalized recorded traffic', () => {
  const entries = JSON.parse(readFileSync(`${FIXTURES}anthropic-sdk-ts_ToolRunner.nock.json`, 'utf8')) as Array<{
    path: string;
    body: unknown;
    status: number;
    response: unknown;
  }>;
  const interactions: ReconInteraction[] = entries.map((entry, i) => {
    const parsed = parseExchange({
      method: 'POST',
      url: `https://api.anthropic.com${entry.path}`,
      requestHeaders: { 'content-type': 'application/json', 'user-agent': 'Anthropic/JS 0.69.0' },
      requestBody: JSON.stringify(entry.body),
      status: entry.status,
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: JSON.stringify(entry.response),
    });
    return {
      id: `n${i}`,
      startedAt: i * 10_000,
      endedAt: i * 10_000 + 3_000,
      provider: parsed.provider,
      api: parsed.api,
      model: parsed.model,
      request: parsed.request!,
      response: parsed.response,
      status: entry.status,
      clientKey: 'Anthropic/JS 0.69.0|127.0.0.1',
    };
  });

  it('rebuilds the tool loops, the compaction and its continuation', () => {
    const placements = placeAll(interactions);
    expect(placements.get('n1')).toEqual({ sessionId: 'n0', parentId: 'n0', kind: 'turn' });
    expect(placements.get('n3')).toEqual({ sessionId: 'n2', parentId: 'n2', kind: 'turn' });
    expect(placements.get('n5')).toEqual({ sessionId: 'n4', parentId: 'n4', kind: 'turn' });
    expect(placements.get('n7')).toEqual({ sessionId: 'n6', parentId: 'n6', kind: 'compaction' });
    expect(placements.get('n8')).toEqual({ sessionId: 'n8', parentId: null, kind: 'start', link: { parentSessionId: 'n6', relation: 'continuation', viaInteractionId: 'n7' } });
    expect(placements.get('n9')).toEqual({ sessionId: 'n8', parentId: 'n8', kind: 'compaction' });
  });
});
