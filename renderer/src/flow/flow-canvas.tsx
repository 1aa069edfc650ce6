// A zoomable, pannable canvas for a flow layout (the waterfall and the day view both use it). Drawing is one pass
// over the visible bars, scheduled once per animation frame however many wheel or pointer events arrive; a call in
// flight keeps a frame loop running so its bar grows with the clock. Wheel zooms at the cursor, drag pans (both
// axes), shift+wheel pans in time. The layout and viewport are published on the element and on window for tests.

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { AXIS_HEIGHT, drawFlow, LABEL_WIDTH } from '../../../shared/flow-draw';
import type { FlowBar, FlowLayout } from '../../../shared/flow-layout';
import { fitViewport, hitTest, panBy, timeToX, zoomAt, type FlowViewport } from '../../../shared/flow-viewport';
import { useFlowTheme } from './flow-theme';

export interface FlowCanvasProps {
  layout: FlowLayout;
  /** Name under which the model is published for tests (window.__threadtapFlow[name]). */
  name: string;
  live: boolean;
  axis?: 'relative' | 'clock';
  selectedId?: string;
  onOpen(bar: FlowBar): void;
  tooltip(bar: FlowBar): ReactNode;
}

export interface FlowModelProbe {
  layout: FlowLayout;
  viewport: FlowViewport;
  width: number;
  height: number;
  /** Page-relative centre of a bar's visible part, for clicking it in a test. */
  barPoint(id: string): { x: number; y: number } | undefined;
  frames: number;
  /** Duration of the last draw, in ms (the bench reads it while panning). */
  lastDrawMs: number;
}

declare global {
  interface Window {
    __threadtapFlow?: Record<string, FlowModelProbe>;
  }
}

export function FlowCanvas({ layout, name, live, axis = 'relative', selectedId, onOpen, tooltip }: FlowCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const viewport = useRef<FlowViewport | null>(null);
  const fitted = useRef(false);
  const frame = useRef(0);
  const frames = useRef(0);
  const lastDrawMs = useRef(0);
  const [hover, setHover] = useState<{ bar: FlowBar; x: number; y: number }>();
  const theme = useFlowTheme();
  const state = useRef({ layout, selectedId, hoverId: undefined as string | undefined, theme, size, live, axis });
  state.current = { layout, selectedId, hoverId: hover?.bar.id, theme, size, live, axis };

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const { layout, size, theme, selectedId, hoverId, live, axis } = state.current;
    if (!canvas || !viewport.current || size.width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const began = performance.now();
    drawFlow(ctx, layout, viewport.current, { width: size.width, height: size.height, theme, selectedId, hoverId, axis, ...(live ? { now: Date.now() } : {}) });
    frames.current++;
    lastDrawMs.current = performance.now() - began;
    if (live) frame.current = requestAnimationFrame(draw);
  }, []);
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useLayoutEffect(() => {
    const wrap = wrapRef.current!;
    const observer = new ResizeObserver(() => setSize({ width: wrap.clientWidth, height: wrap.clientHeight }));
    observer.observe(wrap);
    setSize({ width: wrap.clientWidth, height: wrap.clientHeight });
    return () => observer.disconnect();
  }, []);

  // Fit once the first time there is a size and data; later data keeps the user's zoom, but a live run that
  // outgrows a fitted view is refitted so new calls do not land off screen.
  useEffect(() => {
    if (size.width === 0) return;
    const plotW = size.width - LABEL_WIDTH;
    const v = viewport.current;
    const stillFitted = v && fitted.current && timeToX(v, layout.t1) > plotW - 4;
    if (!v || stillFitted || layout.bars.length === 0) {
      viewport.current = fitViewport(layout, plotW);
      fitted.current = true;
    }
  }, [layout, size.width]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * dpr);
    canvas.height = Math.round(size.height * dpr);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    schedule();
  }, [size, layout, theme, selectedId, hover, live, schedule]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const probes = (window.__threadtapFlow ??= {});
    probes[name] = {
      get layout() { return state.current.layout; },
      get viewport() { return viewport.current!; },
      get width() { return state.current.size.width; },
      get height() { return state.current.size.height; },
      get frames() { return frames.current; },
      get lastDrawMs() { return lastDrawMs.current; },
      barPoint(id: string) {
        const bar = state.current.layout.bars.find((b) => b.id === id);
        const v = viewport.current;
        const rect = canvasRef.current?.getBoundingClientRect();
        if (!bar || !v || !rect) return undefined;
        const plotW = state.current.size.width - LABEL_WIDTH;
        const x1 = Math.max(0, timeToX(v, bar.start));
        const x2 = Math.min(plotW, Math.max(timeToX(v, bar.end), timeToX(v, bar.start) + 2));
        return { x: rect.left + LABEL_WIDTH + (x1 + x2) / 2, y: rect.top + AXIS_HEIGHT + bar.y - v.scrollY + bar.height / 2 };
      },
    };
    return () => {
      delete probes[name];
    };
  }, [name]);

  const plotPoint = (e: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left - LABEL_WIDTH, y: e.clientY - rect.top - AXIS_HEIGHT };
  };

  useEffect(() => {
    const canvas = canvasRef.current!;
    // Native listener: React's wheel handler is passive, and zooming must not scroll the page.
    const onWheel = (e: WheelEvent) => {
      if (!viewport.current) return;
      e.preventDefault();
      fitted.current = false;
      const { x } = plotPoint(e);
      const { layout, size } = state.current;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) viewport.current = panBy(viewport.current, -(e.deltaX || e.deltaY), 0, layout.height, size.height - AXIS_HEIGHT);
      else if (e.altKey) viewport.current = panBy(viewport.current, 0, -e.deltaY, layout.height, size.height - AXIS_HEIGHT);
      else viewport.current = zoomAt(viewport.current, Math.exp(e.deltaY * 0.0015), Math.max(0, x));
      schedule();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [schedule]);

  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (d && viewport.current) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (d.moved || Math.abs(dx) + Math.abs(dy) > 3) {
        d.moved = true;
        fitted.current = false;
        viewport.current = panBy(viewport.current, dx, dy, state.current.layout.height, state.current.size.height - AXIS_HEIGHT);
        d.x = e.clientX;
        d.y = e.clientY;
        setHover(undefined);
        schedule();
        return;
      }
    }
    const { x, y } = plotPoint(e);
    const bar = x >= 0 && y >= 0 && viewport.current ? hitTest(state.current.layout, viewport.current, x, y) : undefined;
    if (bar?.id !== hover?.bar.id || bar) setHover(bar ? { bar, x: x + LABEL_WIDTH, y: y + AXIS_HEIGHT } : undefined);
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved || !viewport.current) return;
    const { x, y } = plotPoint(e);
    const bar = x >= 0 && y >= 0 ? hitTest(state.current.layout, viewport.current, x, y) : undefined;
    if (bar) onOpen(bar);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!viewport.current) return;
    const plotW = size.width - LABEL_WIDTH;
    const keys: Record<string, () => FlowViewport> = {
      '+': () => zoomAt(viewport.current!, 0.7, plotW / 2),
      '=': () => zoomAt(viewport.current!, 0.7, plotW / 2),
      '-': () => zoomAt(viewport.current!, 1 / 0.7, plotW / 2),
      ArrowLeft: () => panBy(viewport.current!, plotW / 8, 0, layout.height, size.height),
      ArrowRight: () => panBy(viewport.current!, -plotW / 8, 0, layout.height, size.height),
      '0': () => fitViewport(layout, plotW),
    };
    const next = keys[e.key];
    if (!next) return;
    e.preventDefault();
    viewport.current = next();
    fitted.current = e.key === '0';
    schedule();
  };

  return (
    <div className="flow-canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="flow-canvas"
        data-testid={`flow-canvas-${name}`}
        data-lanes={layout.lanes.length}
        data-bars={layout.bars.length}
        tabIndex={0}
        aria-label="Waterfall: wheel to zoom, drag to pan, 0 to fit, click a bar to open it"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(undefined)}
        onKeyDown={onKeyDown}
        style={{ cursor: hover ? 'pointer' : 'grab' }}
      />
      {hover && (
        <div className="flow-tooltip" data-testid="flow-tooltip" style={{ left: Math.min(hover.x + 14, size.width - 260), top: hover.y + 14 }}>
          {tooltip(hover.bar)}
        </div>
      )}
    </div>
  );
}
