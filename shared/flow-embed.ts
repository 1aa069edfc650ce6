// The waterfall with no app around it: give it a canvas and a run's FlowData, and it lays out, draws, zooms at the
// wheel, pans on drag and names the bar under the pointer in the canvas's title. Meant for the self-contained HTML
// export, bundled as one small IIFE (see README, "Flow view"). Typed structurally so shared/ needs no DOM types.

import type { FlowData } from './flow-data';
import { DARK_FLOW_THEME, drawFlow, LABEL_WIDTH, AXIS_HEIGHT, LIGHT_FLOW_THEME, type Canvas2D } from './flow-draw';
import { layoutFlow } from './flow-layout';
import { fitViewport, hitTest, panBy, zoomAt, type FlowViewport } from './flow-viewport';

interface PointerLike { clientX: number; clientY: number; deltaY?: number; preventDefault(): void }

export interface EmbedCanvas {
  width: number;
  height: number;
  title: string;
  style: { width: string; height: string };
  getContext(kind: '2d'): unknown;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  addEventListener(type: string, listener: (event: PointerLike) => void, options?: { passive: boolean }): void;
}

export function mountFlow(canvas: EmbedCanvas, data: FlowData, options: { dark?: boolean; devicePixelRatio?: number; now?: number } = {}): { redraw(): void } {
  const layout = layoutFlow(data, options.now ?? Math.max(...data.calls.map((c) => c.endedAt ?? c.startedAt)));
  const ctx = canvas.getContext('2d') as (Canvas2D & { setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void }) | null;
  const dpr = options.devicePixelRatio ?? 1;
  const box = canvas.getBoundingClientRect();
  const width = box.width;
  const height = box.height;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  let viewport: FlowViewport = fitViewport(layout, width - LABEL_WIDTH);
  let hoverId: string | undefined;
  const theme = options.dark ? DARK_FLOW_THEME : LIGHT_FLOW_THEME;
  const redraw = () => {
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawFlow(ctx, layout, viewport, { width, height, theme, hoverId });
  };
  const local = (e: PointerLike) => {
    const rect = canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left - LABEL_WIDTH, y: e.clientY - rect.top - AXIS_HEIGHT };
  };
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    viewport = zoomAt(viewport, Math.exp((e.deltaY ?? 0) * 0.0015), Math.max(0, local(e).x));
    redraw();
  }, { passive: false });
  let drag: { x: number; y: number } | null = null;
  canvas.addEventListener('pointerdown', (e) => (drag = { x: e.clientX, y: e.clientY }));
  canvas.addEventListener('pointerup', () => (drag = null));
  canvas.addEventListener('pointermove', (e) => {
    if (drag) {
      viewport = panBy(viewport, e.clientX - drag.x, e.clientY - drag.y, layout.height, height - AXIS_HEIGHT);
      drag = { x: e.clientX, y: e.clientY };
    } else {
      const { x, y } = local(e);
      const bar = hitTest(layout, viewport, x, y);
      hoverId = bar?.id;
      const call = bar ? data.calls[bar.source] : undefined;
      canvas.title = call
        ? `${call.model ?? '?'} · ${call.endedAt ? `${call.endedAt - call.startedAt} ms` : 'in flight'}${call.firstByteAt ? ` (TTFT ${call.firstByteAt - call.startedAt} ms)` : ''} · ${(call.usage.inputTokens ?? 0) + (call.usage.cacheReadTokens ?? 0) + (call.usage.cacheWriteTokens ?? 0)} in / ${call.usage.outputTokens ?? 0} out${call.costUsd !== null ? ` · $${call.costUsd.toFixed(4)}` : ''}`
        : '';
    }
    redraw();
  });
  redraw();
  return { redraw };
}
