// Compare two requests of a session: which messages were added, removed or edited, and whether the system prompt
// or the tool list changed. Pure; the renderer's compare view shows the result.

import type { Message, ToolSpec } from './normalized';
import { messageFingerprint } from './message-fingerprint';

export type MessageChange =
  | { op: 'same'; before: Message; after: Message; beforeIndex: number; afterIndex: number }
  | { op: 'added'; after: Message; afterIndex: number }
  | { op: 'removed'; before: Message; beforeIndex: number }
  | { op: 'edited'; before: Message; after: Message; beforeIndex: number; afterIndex: number };

export interface RequestSide {
  messages: Message[];
  tools?: ToolSpec[];
}

export interface TurnDiff {
  systemChanged: boolean;
  tools: { added: string[]; removed: string[]; changed: string[] };
  messages: MessageChange[];
  counts: { same: number; added: number; removed: number; edited: number };
}

const isInstruction = (m: Message) => m.role === 'system' || m.role === 'developer';

/** Past this many cells the middle is shown as removed-then-added instead of aligned (keeps the UI responsive). */
const MAX_LCS_CELLS = 4_000_000;

export function diffRequests(before: RequestSide, after: RequestSide): TurnDiff {
  const systemOf = (side: RequestSide) => side.messages.filter(isInstruction).map(messageFingerprint).join('\n');
  const messages = alignMessages(before.messages.filter((m) => !isInstruction(m)), after.messages.filter((m) => !isInstruction(m)));
  const counts = { same: 0, added: 0, removed: 0, edited: 0 };
  for (const change of messages) counts[change.op]++;
  return { systemChanged: systemOf(before) !== systemOf(after), tools: diffTools(before.tools ?? [], after.tools ?? []), messages, counts };
}

function diffTools(before: ToolSpec[], after: ToolSpec[]): TurnDiff['tools'] {
  const key = (tool: ToolSpec) => JSON.stringify([tool.description ?? '', tool.schema ?? null]);
  const a = new Map(before.map((t) => [t.name, key(t)]));
  const b = new Map(after.map((t) => [t.name, key(t)]));
  return {
    added: [...b.keys()].filter((name) => !a.has(name)),
    removed: [...a.keys()].filter((name) => !b.has(name)),
    changed: [...b.keys()].filter((name) => a.has(name) && a.get(name) !== b.get(name)),
  };
}

export function alignMessages(before: Message[], after: Message[]): MessageChange[] {
  const fa = before.map(messageFingerprint);
  const fb = after.map(messageFingerprint);
  let start = 0;
  while (start < fa.length && start < fb.length && fa[start] === fb[start]) start++;
  let endA = fa.length;
  let endB = fb.length;
  while (endA > start && endB > start && fa[endA - 1] === fb[endB - 1]) {
    endA--;
    endB--;
  }
  const out: MessageChange[] = [];
  for (let i = 0; i < start; i++) out.push({ op: 'same', before: before[i], after: after[i], beforeIndex: i, afterIndex: i });
  out.push(...pairEdits(alignMiddle(before, after, fa, fb, start, endA, endB)));
  for (let i = endA, j = endB; i < fa.length; i++, j++) out.push({ op: 'same', before: before[i], after: after[j], beforeIndex: i, afterIndex: j });
  return out;
}

function alignMiddle(before: Message[], after: Message[], fa: string[], fb: string[], start: number, endA: number, endB: number): MessageChange[] {
  const n = endA - start;
  const m = endB - start;
  const out: MessageChange[] = [];
  if (n * m > MAX_LCS_CELLS || n === 0 || m === 0) {
    for (let i = start; i < endA; i++) out.push({ op: 'removed', before: before[i], beforeIndex: i });
    for (let j = start; j < endB; j++) out.push({ op: 'added', after: after[j], afterIndex: j });
    return out;
  }
  // Classic LCS table over the middle, then walk it forwards.
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = fa[start + i] === fb[start + j] ? table[at(i + 1, j + 1)] + 1 : Math.max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && fa[start + i] === fb[start + j]) {
      out.push({ op: 'same', before: before[start + i], after: after[start + j], beforeIndex: start + i, afterIndex: start + j });
      i++;
      j++;
    } else if (i < n && (j === m || table[at(i + 1, j)] >= table[at(i, j + 1)])) {
      // Removals first, so a replaced message reads as removed-then-added and pairs into an edit.
      out.push({ op: 'removed', before: before[start + i], beforeIndex: start + i });
      i++;
    } else {
      out.push({ op: 'added', after: after[start + j], afterIndex: start + j });
      j++;
    }
  }
  return out;
}

/** A removal followed by an addition of the same role reads as one edited message. */
function pairEdits(changes: MessageChange[]): MessageChange[] {
  const out: MessageChange[] = [];
  for (let k = 0; k < changes.length; k++) {
    const change = changes[k];
    if (change.op !== 'removed') {
      out.push(change);
      continue;
    }
    // Look ahead past a run of removals for an addition with the same role.
    const runEnd = changes.findIndex((c, idx) => idx > k && c.op !== 'removed');
    const partner = runEnd === -1 ? undefined : changes[runEnd];
    if (partner?.op === 'added' && partner.after.role === change.before.role && runEnd === k + 1) {
      out.push({ op: 'edited', before: change.before, after: partner.after, beforeIndex: change.beforeIndex, afterIndex: partner.afterIndex });
      k++;
    } else out.push(change);
  }
  return out;
}
