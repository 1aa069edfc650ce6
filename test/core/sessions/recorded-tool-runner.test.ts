import { describe, expect, it } from 'vitest';
import { placeAll } from '../../../electron/core/sessions';
import { loadToolRunnerFixture } from './anthropic-fixture';

describe('recorded Anthropic SDK tool runner traffic', () => {
  const placements = placeAll(loadToolRunnerFixture());

  it('keeps each two-step tool loop in its own session', () => {
    expect(placements.get('nock-1')).toEqual({ sessionId: 'nock-0', parentId: 'nock-0', kind: 'turn' });
    expect(placements.get('nock-3')).toEqual({ sessionId: 'nock-2', parentId: 'nock-2', kind: 'turn' });
    expect(placements.get('nock-5')).toEqual({ sessionId: 'nock-4', parentId: 'nock-4', kind: 'turn' });
    expect(placements.get('nock-2')?.kind).toBe('start');
    expect(placements.get('nock-4')?.kind).toBe('start');
  });

  it('sees the summarization request as a compaction of the session whose history it reuses', () => {
    expect(placements.get('nock-7')).toEqual({ sessionId: 'nock-6', parentId: 'nock-6', kind: 'compaction' });
  });

  it('opens a continuation session from the summary, linked to the summarization that wrote it', () => {
    expect(placements.get('nock-8')).toEqual({
      sessionId: 'nock-8',
      parentId: null,
      kind: 'start',
      link: { parentSessionId: 'nock-6', relation: 'continuation', viaInteractionId: 'nock-7' },
    });
    expect(placements.get('nock-9')).toEqual({ sessionId: 'nock-8', parentId: 'nock-8', kind: 'compaction' });
  });
});
