// Entry timings: HAR gives a start instant plus phase durations in ms, with -1 (or null, from mitmproxy) for a phase
// that did not happen or was not measured. The exchange wants absolute instants.

import type { Exchange } from '../../../shared/exchange';
import type { HarEntry } from './har-types';
import { EntryError } from './entry-error';

type Times = Pick<Exchange, 'startedAt' | 'headersAt' | 'firstByteAt' | 'endedAt'>;

const duration = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

export function harTimes(entry: HarEntry, responded: boolean): Times {
  const started = entry.startedDateTime;
  const startedAt = typeof started === 'string' ? Date.parse(started) : NaN;
  if (!Number.isFinite(startedAt)) throw new EntryError(`startedDateTime ${JSON.stringify(started ?? null)} is not a date`);

  const t = entry.timings ?? {};
  const phases = [t.blocked, t.dns, t.connect, t.send, t.wait].map(duration).reduce((a, b) => a + b, 0);
  const total =
    typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time >= 0 ? entry.time : phases + duration(t.receive);
  const endedAt = startedAt + Math.round(total);
  const times: Times = { startedAt, endedAt };
  // Without phase timings the moment the headers arrived is unknown; left unset rather than invented.
  if (responded && phases > 0) {
    times.headersAt = Math.min(startedAt + Math.round(phases), endedAt);
    // HAR does not tell the first body byte from the headers; for a stream they arrive together.
    times.firstByteAt = times.headersAt;
  }
  return times;
}
