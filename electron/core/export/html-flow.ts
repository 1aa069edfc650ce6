// The flow view inside the self-contained HTML export: each exported run's calls as FlowData (timings, usage and
// tool names, no message text), plus the waterfall renderer from shared/flow-embed.ts bundled into the file, so
// the page draws the same waterfall as the app with no network and no app around it.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TurnView } from '../../../shared/api-contract';
import { flowCallFromTurn, type FlowData, type FlowSession } from '../../../shared/flow-data';
import type { SessionHeader } from './session-groups';

let bundled: Promise<string | null> | undefined;

/** Built by electron-vite next to the main bundle, where the TypeScript source is not shipped. */
export const PREBUILT_FLOW_SCRIPT = 'flow-embed.js';
const FLOW_ENTRY = new URL('../../../shared/flow-embed.ts', import.meta.url);

/** The embed renderer bundled as one IIFE with the global `ThreadtapFlow`. */
export async function buildFlowRendererScript(entry: string = fileURLToPath(FLOW_ENTRY)): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', globalName: 'ThreadtapFlow', minify: true, write: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

/** The embed renderer: the prebuilt file in a bundle, else built from source once per process; null when neither
 * works (the HTML export then has no flow view). */
export function flowRendererScript(): Promise<string | null> {
  bundled ??= readFile(new URL(`./${PREBUILT_FLOW_SCRIPT}`, import.meta.url), 'utf8').catch(() => buildFlowRendererScript().catch(() => null));
  return bundled;
}

/** Gathers the flow of every exported run while the writer streams its turns. */
export class FlowCollector {
  private readonly sessions = new Map<string, FlowSession>();
  private readonly calls: FlowData['calls'] = [];

  addSession(header: SessionHeader, title: string): void {
    this.sessions.set(header.id, {
      id: header.id,
      title,
      parentSessionId: header.parentSessionId,
      relation: header.relation,
      ...(header.viaInteractionId ? { viaInteractionId: header.viaInteractionId } : {}),
      ...(header.viaToolCallId ? { toolCallId: header.viaToolCallId } : {}),
    });
  }

  addTurn(turn: TurnView, redact: (text: string) => string): void {
    const call = flowCallFromTurn(turn);
    // An upstream error message can quote what was sent.
    if (call.errorMessage) call.errorMessage = redact(call.errorMessage);
    this.calls.push(call);
  }

  /** One FlowData per run: a root session with everything linked under it that is in the export. */
  runs(): FlowData[] {
    const rootOf = (id: string): string => {
      const seen = new Set<string>();
      let current = id;
      for (;;) {
        const parent = this.sessions.get(current)?.parentSessionId;
        if (!parent || !this.sessions.has(parent) || seen.has(parent)) return current;
        seen.add(current);
        current = parent;
      }
    };
    const byRoot = new Map<string, FlowData>();
    for (const session of this.sessions.values()) {
      const rootId = rootOf(session.id);
      let run = byRoot.get(rootId);
      if (!run) byRoot.set(rootId, (run = { seq: 0, rootId, sessions: [], calls: [] }));
      if (session.id === rootId) run.sessions.unshift(session);
      else run.sessions.push(session);
    }
    for (const call of this.calls) byRoot.get(rootOf(call.sessionId))?.calls.push(call);
    return [...byRoot.values()].filter((run) => run.calls.length > 0);
  }
}

/** Defines the hook the export's page script calls with its flow container: one waterfall canvas per run. */
export const FLOW_HOOK = String.raw`
window.threadtapRenderFlow = function (container) {
  var node = document.getElementById('tt-flow-data');
  if (!node || !window.ThreadtapFlow) return;
  var runs = JSON.parse(node.textContent);
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  runs.forEach(function (run) {
    var lanes = run.sessions.length;
    var figure = document.createElement('figure');
    figure.className = 'flow-run';
    var caption = document.createElement('figcaption');
    caption.textContent = 'Flow · ' + (run.sessions[0] ? run.sessions[0].title : run.rootId) + ' · ' + run.calls.length + ' calls';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('data-flow-root', run.rootId);
    canvas.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = Math.min(640, 72 + 30 * lanes) + 'px';
    figure.appendChild(caption);
    figure.appendChild(canvas);
    container.appendChild(figure);
    window.ThreadtapFlow.mountFlow(canvas, run, { devicePixelRatio: window.devicePixelRatio || 1, dark: dark });
  });
};`;
