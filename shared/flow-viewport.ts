// Zoom and pan over a flow layout: which time sits at the left edge, how many milliseconds one pixel is, and how far
// the lanes are scrolled. Pure functions of numbers, so the canvas, the tests and an exported page share them.

import type { FlowBar, FlowLayout } from './flow-layout';

export interface FlowViewport {
  /** Epoch ms at the left edge of the plot. */
  start: number;
  msPerPx: number;
  /** Vertical scroll of the lanes, in layout pixels. */
  scrollY: number;
}

/** Finest zoom: a tenth of a millisecond per pixel is enough to see a TTFT on a local model. */
export const MIN_MS_PER_PX = 0.1;
/** Coarsest zoom: a week across a wide screen. */
export const MAX_MS_PER_PX = 7 * 86_400_000 / 500;

const clampScale = (msPerPx: number) => Math.min(MAX_MS_PER_PX, Math.max(MIN_MS_PER_PX, msPerPx));

export const timeToX = (viewport: FlowViewport, time: number) => (time - viewport.start) / viewport.msPerPx;
export const xToTime = (viewport: FlowViewport, x: number) => viewport.start + x * viewport.msPerPx;

/** The whole run across `width` pixels, with a little air on both sides. */
export function fitViewport(layout: Pick<FlowLayout, 't0' | 't1'>, width: number): FlowViewport {
  const span = Math.max(1, layout.t1 - layout.t0);
  const msPerPx = clampScale((span * 1.04) / Math.max(1, width));
  return { start: layout.t0 - span * 0.02, msPerPx, scrollY: 0 };
}

/** Zooms by `factor` (<1 zooms in) keeping the time under `anchorX` where it is. */
export function zoomAt(viewport: FlowViewport, factor: number, anchorX: number): FlowViewport {
  const anchor = xToTime(viewport, anchorX);
  const msPerPx = clampScale(viewport.msPerPx * factor);
  return { ...viewport, start: anchor - anchorX * msPerPx, msPerPx };
}

/** Drags the content by (dx, dy) pixels; vertical scroll stays within the lanes. */
export function panBy(viewport: FlowViewport, dx: number, dy: number, contentHeight: number, viewHeight: number): FlowViewport {
  const maxScroll = Math.max(0, contentHeight - viewHeight);
  return { start: viewport.start - dx * viewport.msPerPx, msPerPx: viewport.msPerPx, scrollY: Math.min(maxScroll, Math.max(0, viewport.scrollY - dy)) };
}

export interface BarRect {
  bar: FlowBar;
  x: number;
  w: number;
  y: number;
}

/** Bars that intersect the visible window, as pixel rectangles; narrow bars keep a minimum width to stay visible. */
export function visibleBars(layout: FlowLayout, viewport: FlowViewport, width: number, height: number, minWidth = 2): BarRect[] {
  const from = viewport.start;
  const to = xToTime(viewport, width);
  const out: BarRect[] = [];
  for (const bar of layout.bars) {
    // Bars are sorted by start: nothing after this one can be visible.
    if (bar.start > to) break;
    if (bar.end < from - minWidth * viewport.msPerPx) continue;
    const y = bar.y - viewport.scrollY;
    if (y + bar.height < 0 || y > height) continue;
    const x = timeToX(viewport, bar.start);
    out.push({ bar, x, w: Math.max(minWidth, (bar.end - bar.start) / viewport.msPerPx), y });
  }
  return out;
}

/** The bar under a point (plot coordinates), preferring the one drawn last (on top). */
export function hitTest(layout: FlowLayout, viewport: FlowViewport, x: number, y: number, slop = 3): FlowBar | undefined {
  const time = xToTime(viewport, x);
  const ly = y + viewport.scrollY;
  const pad = slop * viewport.msPerPx;
  let found: FlowBar | undefined;
  for (const bar of layout.bars) {
    if (bar.start - pad > time) break;
    if (ly < bar.y - 2 || ly > bar.y + bar.height + 2) continue;
    const end = Math.max(bar.end, bar.start + 2 * viewport.msPerPx);
    if (time <= end + pad) found = bar;
  }
  return found;
}

const TICK_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3];

/**
 * Time-axis ticks at least `minSpacingPx` apart, on round steps counted from `origin` (the run's start, so labels
 * read +1s, +2s rather than +0.9s, +1.9s).
 */
export function timeTicks(viewport: FlowViewport, width: number, minSpacingPx = 90, origin = 0): { step: number; ticks: number[] } {
  const step = TICK_STEPS.find((s) => s / viewport.msPerPx >= minSpacingPx) ?? TICK_STEPS[TICK_STEPS.length - 1];
  // Long spans use clock time, so their ticks sit on round clock minutes and hours instead.
  const base = step >= 60_000 ? 0 : origin;
  const first = base + Math.ceil((viewport.start - base) / step) * step;
  const last = xToTime(viewport, width);
  const ticks: number[] = [];
  for (let t = first; t <= last && ticks.length < 500; t += step) ticks.push(t);
  return { step, ticks };
}

/** A tick label: relative to the run's start for short spans (what a developer reads), clock time for long ones. */
export function tickLabel(time: number, origin: number, step: number): string {
  const rel = time - origin;
  if (step >= 60_000) {
    const d = new Date(time);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
  if (step >= 1000) return `${rel >= 0 ? '+' : ''}${(rel / 1000).toFixed(step >= 10_000 ? 0 : 1)}s`;
  return `${rel >= 0 ? '+' : ''}${Math.round(rel)}ms`;
}
