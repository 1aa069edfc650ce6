import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { listWire } from '../../helpers/fixtures';
import { WIRE_CASES } from './wire-cases';

describe('every recorded wire sample', () => {
  it('has a case, so a new sample cannot go untested', () => {
    expect(Object.keys(WIRE_CASES).sort()).toEqual(listWire());
  });

  it.each(listWire())('%s parses into a complete answer or a reported error', (name) => {
    const parsed = parseExchange(WIRE_CASES[name]());
    expect(parsed.api).not.toBe('unknown');
    expect(parsed.notes.filter((n) => n.startsWith('parser failed'))).toEqual([]);
    const response = parsed.response!;
    expect(response.incomplete).toBeUndefined();
    const hasContent = response.outputs.some((m) => m.parts.length > 0);
    expect(hasContent || response.error !== undefined).toBe(true);
    expect(response.stopReason).toBeDefined();
    if (response.streamed) expect(parsed.streamEvents!.length).toBeGreaterThan(0);
  });
});
