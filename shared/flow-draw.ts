// Draws a flow layout onto any 2D canvas: lane backgrounds and labels, the time axis, idle gaps, links from tool
// calls to sub-agents, and the bars (waiting part light, streaming part solid, TTFT tick, tint by outcome).
// Takes only a canvas context and plain data, so the app, a bench and a self-contained exported page draw the same.

import type { FlowBar, FlowLayout, FlowLane } from './flow-layout';
import { timeTicks, tickLabel, timeToX, visibleBars, type FlowViewport } from './flow-viewport';

/** The subset of CanvasRenderingContext2D used here; typed loosely so shared/ needs no DOM types. */
export interface Canvas2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textBaseline: string;
  textAlign: string;
  globalAlpha: number;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fill(): void;
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
  save(): void;
  restore(): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  setLineDash(segments: number[]): void;
}

export interface FlowTheme {
  background: string;
  laneAlt: string;
  text: string;
  muted: string;
  grid: string;
  link: string;
  gap: string;
  failed: string;
  retry: string;
  aborted: string;
  live: string;
  highlight: string;
  /** Bar colours by model (layout.models order, wrapping). */
  models: string[];
}

export const LIGHT_FLOW_THEME: FlowTheme = {
  background: '#ffffff',
  laneAlt: '#f5f6f9',
  text: '#1d2330',
  muted: '#6b7385',
  grid: '#e6e9ef',
  link: '#8a7fe8',
  gap: '#eceef3',
  failed: '#d23c3c',
  retry: '#d08a00',
  aborted: '#8d95a8',
  live: '#12a150',
  highlight: '#1d2330',
  models: ['#5b4ce0', '#1f9d8b', '#e07a2f', '#2f6fdd', '#c2409b', '#6b8e23', '#8b5a2b', '#0f7fa8'],
};

export const DARK_FLOW_THEME: FlowTheme = {
  ...LIGHT_FLOW_THEME,
  background: '#1c1f27',
  laneAlt: '#21252f',
  text: '#e4e7ee',
  muted: '#8d95a8',
  grid: '#2c313d',
  link: '#9d8cff',
  gap: '#262a35',
  failed: '#ff6b6b',
  retry: '#e8a93a',
  highlight: '#ffffff',
  live: '#3ccf7a',
  models: ['#9d8cff', '#3cc9b4', '#f0964f', '#6ea4ff', '#e46fc0', '#9bc34a', '#c99260', '#4fb8de'],
};

export const LABEL_WIDTH = 210;
export const AXIS_HEIGHT = 24;
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface DrawOptions {
  width: number;
  height: number;
  theme: FlowTheme;
  hoverId?: string;
  selectedId?: string;
  /** Axis labels: offsets from the run's start (a waterfall), or wall-clock time (the day view). */
  axis?: 'relative' | 'clock';
  /** The clock while calls are in flight: their bars reach it on every frame without a new layout. */
  now?: number;
}

function fitText(ctx: Canvas2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

/** Wall-clock tick label, as precise as the step needs. */
export function clockLabel(time: number, step: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (step >= 60_000) return hm;
  if (step >= 1000) return `${hm}:${two(d.getSeconds())}`;
  return `${hm}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

const LANE_GLYPH: Record<FlowLane['kind'], string> = { main: '●', subagent: '↳', continuation: '⤷', side: '◆', session: '●' };

function drawBar(ctx: Canvas2D, bar: FlowBar, x: number, w: number, y: number, msPerPx: number, theme: FlowTheme): void {
  const color = theme.models[bar.colorIndex % theme.models.length];
  if (bar.mark) {
    // A side call: a thin bar for its span and a diamond at its start.
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(x, y + bar.height / 2 - 1.5, w, 3);
    ctx.globalAlpha = 1;
    const cy = y + bar.height / 2;
    ctx.beginPath();
    ctx.moveTo(x, cy - 4);
    ctx.lineTo(x + 4, cy);
    ctx.lineTo(x, cy + 4);
    ctx.lineTo(x - 4, cy);
    ctx.fill();
    return;
  }
  const waitEnd = bar.firstByte !== undefined ? Math.min(x + w, x + (bar.firstByte - bar.start) / msPerPx) : x;
  // Waiting for the first byte: the same hue, faint. Streaming: solid.
  ctx.fillStyle = color;
  ctx.globalAlpha = bar.outcome === 'aborted' ? 0.35 : 0.3;
  ctx.fillRect(x, y, w, bar.height);
  ctx.globalAlpha = bar.outcome === 'aborted' ? 0.5 : 1;
  if (x + w > waitEnd) ctx.fillRect(waitEnd, y, x + w - waitEnd, bar.height);
  ctx.globalAlpha = 1;
  if (bar.firstByte !== undefined && waitEnd - x >= 2) {
    ctx.fillStyle = theme.text;
    ctx.fillRect(waitEnd - 0.5, y - 2, 1, bar.height + 4);
  }
  const tint = bar.outcome === 'failed' ? theme.failed : bar.outcome === 'retry' ? theme.retry : bar.outcome === 'aborted' ? theme.aborted : bar.outcome === 'in-flight' ? theme.live : undefined;
  if (tint) {
    ctx.strokeStyle = tint;
    ctx.lineWidth = 2;
    if (bar.outcome === 'aborted' || bar.outcome === 'in-flight') ctx.setLineDash([3, 2]);
    ctx.strokeRect(x + 1, y + 1, Math.max(1, w - 2), bar.height - 2);
    ctx.setLineDash([]);
    if (bar.outcome === 'failed') {
      // Hatching: a failed call stays recognisable in greyscale and for colour-blind readers.
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w, bar.height);
      ctx.clip();
      ctx.beginPath();
      for (let hx = x - bar.height; hx < x + w; hx += 5) {
        ctx.moveTo(hx, y + bar.height);
        ctx.lineTo(hx + bar.height, y);
      }
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.restore();
    }
  }
  if (w > 54) {
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'right';
    ctx.fillText(formatSpan(bar.end - bar.start), x + w - 4, y + bar.height / 2 + 0.5);
    ctx.textAlign = 'left';
  }
}

export function drawFlow(ctx: Canvas2D, layout: FlowLayout, viewport: FlowViewport, options: DrawOptions): void {
  const { width, height, theme } = options;
  const plotW = Math.max(1, width - LABEL_WIDTH);
  const plotH = Math.max(1, height - AXIS_HEIGHT);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_WIDTH, AXIS_HEIGHT, plotW, plotH);
  ctx.clip();
  // Lanes: alternate shading so a lane can be followed across a wide run.
  layout.lanes.forEach((lane, i) => {
    const y = AXIS_HEIGHT + lane.y - viewport.scrollY;
    if (y > height || y + lane.height < AXIS_HEIGHT) return;
    if (i % 2 === 1) {
      ctx.fillStyle = theme.laneAlt;
      ctx.fillRect(LABEL_WIDTH, y, plotW, lane.height);
    }
  });
  const { step, ticks } = timeTicks(viewport, plotW, options.axis === 'clock' ? 110 : 90, options.axis === 'clock' ? 0 : layout.t0);
  ctx.fillStyle = theme.grid;
  for (const t of ticks) ctx.fillRect(LABEL_WIDTH + Math.round(timeToX(viewport, t)), AXIS_HEIGHT, 1, plotH);

  // Idle gaps: hatched-free light blocks with their length, so "the agent was running tools for 40 s" reads at a glance.
  for (const gap of layout.gaps) {
    const x1 = timeToX(viewport, gap.start);
    const x2 = timeToX(viewport, gap.end);
    if (x2 < 0 || x1 > plotW || x2 - x1 < 3) continue;
    const lane = layout.lanes[gap.laneIndex];
    const y = AXIS_HEIGHT + lane.y - viewport.scrollY + 3;
    ctx.fillStyle = theme.gap;
    ctx.fillRect(LABEL_WIDTH + x1, y, x2 - x1, lane.height - 6);
    const label = `${formatSpan(gap.end - gap.start)} ${gap.reason === 'tools' ? 'tools' : 'idle'}`;
    const shown = Math.min(plotW, x2) - Math.max(0, x1);
    // Only where the whole label fits in the visible part of the gap, so it never runs under a bar.
    if (shown > 70 && ctx.measureText(label).width + 10 < shown) {
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'center';
      ctx.fillText(label, LABEL_WIDTH + (Math.max(0, x1) + Math.min(plotW, x2)) / 2, y + (lane.height - 6) / 2);
      ctx.textAlign = 'left';
    }
  }

  ctx.strokeStyle = theme.link;
  ctx.lineWidth = 1.25;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  for (const link of layout.links) {
    const x1 = LABEL_WIDTH + timeToX(viewport, link.fromTime);
    const x2 = LABEL_WIDTH + timeToX(viewport, link.toTime);
    const y1 = AXIS_HEIGHT + link.fromY - viewport.scrollY;
    const y2 = AXIS_HEIGHT + link.toY - viewport.scrollY;
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1, y2);
    ctx.lineTo(x2, y2);
  }
  ctx.stroke();
  ctx.setLineDash([]);

  const rects = visibleBars(layout, viewport, plotW, plotH);
  if (options.now !== undefined) {
    for (const rect of rects) if (rect.bar.outcome === 'in-flight') rect.w = Math.max(rect.w, (options.now - rect.bar.start) / viewport.msPerPx);
  }
  for (const { bar, x, w, y } of rects) drawBar(ctx, bar, LABEL_WIDTH + x, w, AXIS_HEIGHT + y, viewport.msPerPx, theme);
  for (const { bar, x, w, y } of rects) {
    if (bar.id !== options.hoverId && bar.id !== options.selectedId) continue;
    ctx.strokeStyle = theme.highlight;
    ctx.lineWidth = bar.id === options.selectedId ? 2 : 1;
    ctx.strokeRect(LABEL_WIDTH + x - 1.5, AXIS_HEIGHT + y - 1.5, w + 3, bar.height + 3);
  }
  ctx.restore();

  // Axis on top of the plot.
  ctx.fillStyle = theme.background;
  ctx.fillRect(LABEL_WIDTH, 0, plotW, AXIS_HEIGHT);
  ctx.fillStyle = theme.grid;
  ctx.fillRect(0, AXIS_HEIGHT - 1, width, 1);
  ctx.fillStyle = theme.muted;
  for (const t of ticks) ctx.fillText(options.axis === 'clock' ? clockLabel(t, step) : tickLabel(t, layout.t0, step), LABEL_WIDTH + timeToX(viewport, t) + 3, AXIS_HEIGHT / 2);

  // Lane labels in the gutter, indented by depth.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_HEIGHT, LABEL_WIDTH, plotH);
  ctx.clip();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, AXIS_HEIGHT, LABEL_WIDTH, plotH);
  for (const lane of layout.lanes) {
    const y = AXIS_HEIGHT + lane.y - viewport.scrollY;
    if (y > height || y + lane.height < AXIS_HEIGHT) continue;
    const indent = 8 + lane.depth * 14;
    ctx.fillStyle = lane.kind === 'side' ? theme.muted : lane.kind === 'subagent' ? theme.link : theme.text;
    const first = `${LANE_GLYPH[lane.kind]} `;
    ctx.fillText(first, indent, y + Math.min(lane.height, 28) / 2);
    ctx.fillStyle = lane.kind === 'side' ? theme.muted : theme.text;
    ctx.fillText(fitText(ctx, lane.label, LABEL_WIDTH - indent - 22), indent + 14, y + Math.min(lane.height, 28) / 2);
    ctx.fillStyle = theme.grid;
    ctx.fillRect(0, y + lane.height - 1, width, 1);
  }
  ctx.fillStyle = theme.grid;
  ctx.fillRect(LABEL_WIDTH - 1, AXIS_HEIGHT, 1, plotH);
  ctx.restore();
}
