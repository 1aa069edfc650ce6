// Identifiers clients send about themselves. Some name a conversation (group by them); others name a whole run of
// an agent, shared by its main loop, its sub-agents and its side calls (only a hint for linking, never a grouping).

export interface ClientHints {
  /** `name=value` of an id that names one conversation, when the client sent one. */
  conversation?: string;
  /** `name=value` of ids that name a run (Claude Code session, Codex session); may be empty. */
  runs: string[];
}

/** Headers and fields whose value names one conversation: observability gateways and SDK conventions. */
const CONVERSATION_NAMES = new Set([
  'x-session-id',
  'helicone-session-id',
  'x-helicone-session-id',
  'langfuse-session-id',
  'x-langfuse-session-id',
  'x-portkey-session-id',
]);

/** `header:x-session-id`, `metadata.user_id`, `X-Session-Id` all reduce to the bare lower-case name. */
function bareName(key: string): string {
  const lower = key.toLowerCase();
  const afterColon = lower.slice(lower.lastIndexOf(':') + 1);
  return afterColon.slice(afterColon.lastIndexOf('.') + 1);
}

export function classifyHints(sessionHints: Record<string, string> | undefined): ClientHints {
  const hints: ClientHints = { runs: [] };
  if (!sessionHints) return hints;
  for (const key of Object.keys(sessionHints).sort()) {
    const value = sessionHints[key];
    if (typeof value !== 'string' || value.length === 0) continue;
    const name = bareName(key);
    if (CONVERSATION_NAMES.has(name)) {
      hints.conversation ??= `${name}=${value}`;
      continue;
    }
    if (name === 'user_id' || name === 'user-id') {
      // Claude Code: `user_<hash>_account_<uuid>_session_<uuid>`; only the session part names the run.
      const match = /session_([0-9a-z-]{8,})/i.exec(value);
      if (match) hints.runs.push(`run=${match[1].toLowerCase()}`);
      continue;
    }
    if (name.includes('session') || name.includes('conversation')) hints.runs.push(`run=${value.toLowerCase()}`);
  }
  hints.runs = [...new Set(hints.runs)];
  return hints;
}

/** Both carry run ids and none is shared: they come from different runs. */
export function runsConflict(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && b.length > 0 && !a.some((run) => b.includes(run));
}

export function runsShared(a: readonly string[], b: readonly string[]): boolean {
  return a.some((run) => b.includes(run));
}
