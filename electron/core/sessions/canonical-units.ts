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

const REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;

/**
 * Text identity: Claude Code adds and drops `<system-reminder>` blocks between turns (and compaction drops the first
 * one), so they never count; whitespace runs collapse because clients trim and re-wrap what they echo.
 */
export function normalizeText(text: string): string {
  return isNormalized(text) ? text : text.replace(REMINDER, ' ').replace(/\s+/g, ' ').trim();
}

export function isInstruction(message: Message): boolean {
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
export function appendIfPresent(hasher: Hasher, part: Part): void {
  if (part.type === 'thinking') return;
  if (part.type === 'text') {
    const identity = textIdentity(part.text);
    if (identity !== EMPTY_TEXT) hasher.word(TEXT).string(identity);
    return;
  }
  appendPart(hasher, part);
}

export interface Draft {
  role: UnitRole;
  /** Final hash of a unit that is not a text. */
  hash?: Hash;
  /** A text unit: the identity of its normalized text, and the raw text, normalized only when the text itself is
   * needed (merging, a leading or last user text). */
  identity?: Hash;
  raw?: string;
  text?: string;
}

/** Normalized once, on demand; drafts are shared between a request and the later requests that resume it. */
export function textOf(draft: Draft): string {
  return (draft.text ??= normalizeText(draft.raw!));
}

export function draftsOf(message: Message, drafts: Draft[]): void {
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
        const text = normalizeText(`${textOf(last)} ${normalizeText(part.text)}`);
        // Replaced, not changed: the draft may belong to an earlier request's history as well.
        drafts[drafts.length - 1] = { ...last, text, identity: hashText(text) };
        continue;
      }
      drafts.push({ role, identity, raw: part.text });
      continue;
    }
    drafts.push({ role, hash: appendPart(new Hasher(ROLE_SEED[role]), part).digest() });
  }
}

export function unitOf(draft: Draft): Unit {
  const hash = draft.hash ?? new Hasher(ROLE_SEED[draft.role]).word(TEXT).string(draft.identity!).digest();
  return { role: draft.role, hash };
}

/** The hash of a run of assistant units: how an answer is recognised wherever it is echoed. */
export function runHash(units: Unit[]): Hash {
  const hasher = new Hasher(RUN);
  for (const unit of units) hasher.string(unit.hash);
  return hasher.digest();
}

/** An answer's units, exactly as they will look when a later request echoes it. */
export function canonicalizeOutput(message: Message): Unit[] {
  const drafts: Draft[] = [];
  draftsOf({ ...message, role: 'assistant' }, drafts);
  return drafts.map(unitOf);
}
