import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/live-events';
import type { InteractionRecord } from '../../shared/interaction';
import { NO_CAPTURES, countCapture, trayStatus } from '../../electron/shell/tray-status';

const interaction = { id: 'x' } as InteractionRecord;

describe('tray status', () => {
  it('counts calls in flight and completed from the live feed', () => {
    const events: LiveEvent[] = [
      { type: 'interaction-started', interaction },
      { type: 'interaction-progress', id: 'x', textDelta: 'hi', bytes: 2 },
      { type: 'interaction-started', interaction },
      { type: 'interaction-completed', interaction },
      { type: 'capture-warning', message: 'unparsed body' },
    ];
    const counts = events.reduce(countCapture, NO_CAPTURES);
    expect(counts).toEqual({ inFlight: 1, completed: 1, warnings: 1 });
    expect(trayStatus('http://127.0.0.1:8787', counts).label).toBe('Capturing on http://127.0.0.1:8787 · 1 call, 1 in flight, 1 warning');
  });

  it('never counts below zero when a completion arrives without its start', () => {
    expect(countCapture(NO_CAPTURES, { type: 'interaction-completed', interaction }).inFlight).toBe(0);
  });

  it('says when the window is attached to an engine in another process', () => {
    expect(trayStatus('http://127.0.0.1:8787', undefined).label).toMatch(/^Attached to a running Threadtap/);
  });
});
