// Turns normalized messages into the units reconstruction compares. Two requests that a person would call "the same
// history" must produce the same units even when the client re-serialized them: whitespace, key order, string vs
// parts, null vs empty content, inserted empty messages, dropped thinking blocks, Claude Code's reminder blocks.

import type { Message, Part } from '../../../shared/normalized';
import { canonicalJson, hashText, parseArguments, type Hash } from './content-hash';
import { IdentityMemo } from './identity-memo';

/** u = user text or media, a = assistant output, t = tool result, s = a system message inside the conversation. */
export type UnitRole = 'u' | 'a' | 't' | 's';

export interface Unit {
  role: UnitRole;
  hash: Hash;
  /** Normalized text of a text unit, kept for sub-agent prompts, summaries and side-call heuristics. */
  text?: string;
}

export interface CanonicalConversation {
  /** Identity of the leading system/developer messages; kept out of the chain so a replaced system prompt
   * (Aider modes, compaction) does not hide the history that follows it. */
  instructionsHash: Hash;
  units: Unit[];
  hasAssistant: boolean;
  hasToolResults: boolean;
  /** Texts of the user units before the first assistant or tool unit: a sub-agent prompt or a summary lives here. */
  leadingUserTexts: string[];
  lastUserText?: string;
  /** Maximal runs of assistant units: `end` is the number of units up to and including the run. */
  assistantRuns: Array<{ end: number; hash: Hash }>;
}

const REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;

/**
 * Text identity: Claude Code adds and drops `<system-reminder>` blocks between turns (and compaction drops the first
 * one), so they never count; whitespace runs collapse because clients trim and re-wrap what they echo.
 */
export function normalizeText(text: string): string {
  return text.replace(REMINDER, ' ').replace(/\s+/g, ' ').trim();
}

function isInstruction(message: Message): boolean {
  return message.role === 'system' || message.role === 'developer';
}

// Tool results carry most of an agent's context (files read, command output) and their text is never needed, only
// their identity: each text part counts by the digest of its normalized text, remembered across requests.
const toolTexts = new IdentityMemo();
const EMPTY_TEXT = hashText('');

function textIdentity(text: string): Hash {
  return hashText(normalizeText(text));
}

function toolResultText(parts: Part[]): string {
  return parts
    .map((part) => {
      if (part.type !== 'text') return partKey(part);
      const identity = toolTexts.forText(part.text, textIdentity);
      return identity === EMPTY_TEXT ? '' : identity;
    })
    .filter((text) => text.length > 0)
    .join('\n');
}

function partKey(part: Part): string {
  switch (part.type) {
    case 'text':
      return normalizeText(part.text);
    case 'image':
      return `img:${part.dataHash ?? part.url ?? part.dataBytes ?? ''}`;
    case 'tool-call':
      // Ids are ignored: some clients and gateways re-mint them, and Gemini has none.
      return `call:${part.name}:${canonicalJson(parseArguments(part.arguments))}`;
    case 'tool-result':
      return `result:${toolResultText(part.content)}`;
    case 'thinking':
      return '';
    case 'other':
      return `other:${part.kind}:${canonicalJson(part.raw)}`;
  }
}

interface Draft {
  role: UnitRole;
  key: string;
  text?: string;
}

function draftsOf(message: Message, drafts: Draft[]): void {
  const role: UnitRole =
    message.role === 'assistant' ? 'a' : message.role === 'tool' ? 't' : isInstruction(message) ? 's' : 'u';
  for (const part of message.parts) {
    // Thinking may be omitted from later turns; refusals, annotations and server blocks of an answer are often
    // dropped when it is echoed. Neither is part of identity.
    if (part.type === 'thinking') continue;
    if (part.type === 'other' && role === 'a') continue;
    if (role === 't' || part.type === 'tool-result') {
      const content = part.type === 'tool-result' ? toolResultText(part.content) : partKey(part);
      drafts.push({ role: 't', key: `t|${content}` });
      continue;
    }
    const key = partKey(part);
    if (part.type === 'text') {
      if (key.length === 0) continue;
      const last = drafts[drafts.length - 1];
      // One answer may come back as one text block or several: adjacent assistant texts are one unit.
      if (role === 'a' && last && last.role === 'a' && last.text !== undefined) {
        last.text = normalizeText(`${last.text} ${key}`);
        last.key = `a|text|${last.text}`;
        continue;
      }
      drafts.push({ role, key: `${role}|text|${key}`, text: key });
      continue;
    }
    drafts.push({ role, key: `${role}|${key}` });
  }
}

function unitsOf(drafts: Draft[]): Unit[] {
  return drafts.map((draft) => ({ role: draft.role, hash: hashText(draft.key), text: draft.text }));
}

/** The hash of a run of assistant units: how an answer is recognised wherever it is echoed. */
export function runHash(units: Unit[]): Hash {
  return hashText(units.map((unit) => unit.hash).join(','));
}

export function canonicalizeMessages(messages: Message[]): CanonicalConversation {
  let start = 0;
  while (start < messages.length && isInstruction(messages[start])) start++;
  const instructions = messages
    .slice(0, start)
    .flatMap((message) => message.parts.map(partKey))
    .filter((key) => key.length > 0)
    .join('\n');
  const drafts: Draft[] = [];
  for (let i = start; i < messages.length; i++) draftsOf(messages[i], drafts);
  const units = unitsOf(drafts);

  const leadingUserTexts: string[] = [];
  let lastUserText: string | undefined;
  let leading = true;
  const assistantRuns: CanonicalConversation['assistantRuns'] = [];
  let runStart = -1;
  units.forEach((unit, i) => {
    if (unit.role !== 'u') leading = false;
    if (unit.role === 'u' && unit.text !== undefined) {
      if (leading) leadingUserTexts.push(unit.text);
      lastUserText = unit.text;
    }
    if (unit.role === 'a' && runStart < 0) runStart = i;
    const runEnds = unit.role === 'a' && (i + 1 === units.length || units[i + 1].role !== 'a');
    if (runEnds) {
      assistantRuns.push({ end: i + 1, hash: runHash(units.slice(runStart, i + 1)) });
      runStart = -1;
    }
  });
  return {
    instructionsHash: hashText(instructions),
    units,
    hasAssistant: assistantRuns.length > 0,
    hasToolResults: units.some((unit) => unit.role === 't'),
    leadingUserTexts,
    lastUserText,
    assistantRuns,
  };
}

/** An answer's units, exactly as they will look when a later request echoes it. */
export function canonicalizeOutput(message: Message): Unit[] {
  const drafts: Draft[] = [];
  draftsOf({ ...message, role: 'assistant' }, drafts);
  return unitsOf(drafts);
}
