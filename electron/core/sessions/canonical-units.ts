// Turns normalized messages into the units reconstruction compares. Two requests that a person would call "the same
// history" must produce the same units even when the client re-serialized them: whitespace, key order, string vs
// parts, null vs empty content, inserted empty messages, dropped thinking blocks, Claude Code's reminder blocks.

import type { Message, Part } from '../../../shared/normalized';
import { hashJson } from './content-hash';
import { Hasher, hashText, type Hash } from './hash128';
import { IdentityMemo } from './identity-memo';
import { isNormalized } from './is-normalized';

/** u = user text or media, a = assistant output, t = tool result, s = a system message inside the conversation. */
export type UnitRole = 'u' | 'a' | 't' | 's';

export interface Unit {
  role: UnitRole;
  hash: Hash;
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
  return isNormalized(text) ? text : text.replace(REMINDER, ' ').replace(/\s+/g, ' ').trim();
}

function isInstruction(message: Message): boolean {
  return message.role === 'system' || message.role === 'developer';
}

// Every request re-sends the whole history, and its long texts (files read, command output, reminders) are never
// needed as text, only as identities: those are remembered across requests by a digest of the raw text.
const texts = new IdentityMemo();
const EMPTY_TEXT = hashText('');

function normalizedIdentity(text: string): Hash {
  return hashText(normalizeText(text));
}

/** The hash of a text's normalized form, whatever its length. */
function textIdentity(text: string): Hash {
  return texts.forText(text, normalizedIdentity);
}

const TEXT = 1;
const IMAGE = 2;
const CALL = 3;
const RESULT = 4;
const OTHER = 5;
const END = 6;
const RUN = 0x72756e;
const INSTRUCTIONS = 0x737973;
const ROLE_SEED: Record<UnitRole, number> = { u: 0x75, a: 0x61, t: 0x74, s: 0x73 };

function appendPart(hasher: Hasher, part: Part): Hasher {
  switch (part.type) {
    case 'text':
      return hasher.word(TEXT).string(textIdentity(part.text));
    case 'image':
      return hasher.word(IMAGE).string(String(part.dataHash ?? part.url ?? part.dataBytes ?? ''));
    case 'tool-call':
      // Ids are ignored: some clients and gateways re-mint them, and Gemini has none.
      return hashJson(hasher.word(CALL).string(part.name), part.arguments);
    case 'tool-result':
      // Tool results carry most of an agent's context; only the identities of their non-empty texts count.
      hasher.word(RESULT);
      for (const item of part.content) appendIfPresent(hasher, item);
      return hasher.word(END);
    case 'thinking':
      return hasher;
    case 'other':
      return hashJson(hasher.word(OTHER).string(part.kind), part.raw);
  }
}

/** Empty texts and thinking count for nothing where a list of parts is compared. */
function appendIfPresent(hasher: Hasher, part: Part): void {
  if (part.type === 'thinking') return;
  if (part.type === 'text') {
    const identity = textIdentity(part.text);
    if (identity !== EMPTY_TEXT) hasher.word(TEXT).string(identity);
    return;
  }
  appendPart(hasher, part);
}

interface Draft {
  role: UnitRole;
  /** Final hash of a unit that is not a text. */
  hash?: Hash;
  /** A text unit: the identity of its normalized text, and the raw text, normalized only when the text itself is
   * needed (merging, a leading or last user text). */
  identity?: Hash;
  raw?: string;
  text?: string;
}

function textOf(draft: Draft): string {
  return (draft.text ??= normalizeText(draft.raw!));
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
      drafts.push({ role: 't', hash: appendPart(new Hasher(ROLE_SEED.t), part).digest() });
      continue;
    }
    if (part.type === 'text') {
      const identity = textIdentity(part.text);
      if (identity === EMPTY_TEXT) continue;
      const last = drafts[drafts.length - 1];
      // One answer may come back as one text block or several: adjacent assistant texts are one unit.
      if (role === 'a' && last && last.role === 'a' && last.identity !== undefined) {
        last.text = normalizeText(`${textOf(last)} ${normalizeText(part.text)}`);
        last.identity = hashText(last.text);
        continue;
      }
      drafts.push({ role, identity, raw: part.text });
      continue;
    }
    drafts.push({ role, hash: appendPart(new Hasher(ROLE_SEED[role]), part).digest() });
  }
}

function unitsOf(drafts: Draft[]): Unit[] {
  return drafts.map((draft) => ({
    role: draft.role,
    hash: draft.hash ?? new Hasher(ROLE_SEED[draft.role]).word(TEXT).string(draft.identity!).digest(),
  }));
}

/** The hash of a run of assistant units: how an answer is recognised wherever it is echoed. */
export function runHash(units: Unit[]): Hash {
  const hasher = new Hasher(RUN);
  for (const unit of units) hasher.string(unit.hash);
  return hasher.digest();
}

export function canonicalizeMessages(messages: Message[]): CanonicalConversation {
  const instructions = new Hasher(INSTRUCTIONS);
  let start = 0;
  for (; start < messages.length && isInstruction(messages[start]); start++) {
    for (const part of messages[start].parts) appendIfPresent(instructions, part);
  }
  const drafts: Draft[] = [];
  for (let i = start; i < messages.length; i++) draftsOf(messages[i], drafts);
  const units = unitsOf(drafts);

  const leadingUserTexts: string[] = [];
  let lastUser: Draft | undefined;
  let leading = true;
  const assistantRuns: CanonicalConversation['assistantRuns'] = [];
  let runStart = -1;
  drafts.forEach((draft, i) => {
    if (draft.role !== 'u') leading = false;
    if (draft.role === 'u' && draft.raw !== undefined) {
      if (leading) leadingUserTexts.push(textOf(draft));
      lastUser = draft;
    }
    if (draft.role === 'a' && runStart < 0) runStart = i;
    const runEnds = draft.role === 'a' && (i + 1 === drafts.length || drafts[i + 1].role !== 'a');
    if (runEnds) {
      assistantRuns.push({ end: i + 1, hash: runHash(units.slice(runStart, i + 1)) });
      runStart = -1;
    }
  });
  return {
    instructionsHash: instructions.digest(),
    units,
    hasAssistant: assistantRuns.length > 0,
    hasToolResults: units.some((unit) => unit.role === 't'),
    leadingUserTexts,
    lastUserText: lastUser && textOf(lastUser),
    assistantRuns,
  };
}

/** An answer's units, exactly as they will look when a later request echoes it. */
export function canonicalizeOutput(message: Message): Unit[] {
  const drafts: Draft[] = [];
  draftsOf({ ...message, role: 'assistant' }, drafts);
  return unitsOf(drafts);
}
