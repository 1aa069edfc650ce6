// What the tray says about capture. Counts come from the engine's live events; an attached window (another
// process owns the engine) has no feed and says so.

import { assertNever, type LiveEvent } from '../../shared/live-events';

export interface CaptureCounts {
  inFlight: number;
  completed: number;
  warnings: number;
}

export const NO_CAPTURES: CaptureCounts = { inFlight: 0, completed: 0, warnings: 0 };

export function countCapture(counts: CaptureCounts, event: LiveEvent): CaptureCounts {
  switch (event.type) {
    case 'interaction-started':
      return { ...counts, inFlight: counts.inFlight + 1 };
    case 'interaction-completed':
      return { ...counts, inFlight: Math.max(0, counts.inFlight - 1), completed: counts.completed + 1 };
    case 'capture-warning':
      return { ...counts, warnings: counts.warnings + 1 };
    case 'interaction-progress':
    case 'placement-revised':
      return counts;
    default:
      return assertNever(event);
  }
}

export interface TrayStatus {
  /** The first, disabled line of the tray menu. */
  label: string;
  tooltip: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function trayStatus(proxyUrl: string, counts: CaptureCounts | undefined): TrayStatus {
  if (!counts) {
    return { label: `Attached to a running Threadtap (${proxyUrl})`, tooltip: `Threadtap — proxy ${proxyUrl} (another process)` };
  }
  const parts = [plural(counts.completed, 'call')];
  if (counts.inFlight > 0) parts.push(`${counts.inFlight} in flight`);
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  return { label: `Capturing on ${proxyUrl} · ${parts.join(', ')}`, tooltip: `Threadtap — capturing on ${proxyUrl}\n${parts.join(', ')}` };
}
