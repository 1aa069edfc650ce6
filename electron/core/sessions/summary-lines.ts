// Continuation after compaction: the new conversation's first message carries the summary an earlier answer wrote,
// wrapped in a client-specific sentence ("This session is being continued…", "…ran out of context. Summary:").
// Matching whole lines of the summary finds it inside any wrapper without scanning earlier answers.

import type { Part } from '../../../shared/normalized';
import { hashText, type Hash } from './hash128';
import { normalizeText } from './canonical-units';

/** Short lines ("## Next Steps", "- done") are shared by many texts; only distinctive lines count. */
const MIN_LINE = 24;

export function summaryLineHashes(parts: readonly Part[]): Hash[] {
  const hashes = new Set<Hash>();
  for (const part of parts) {
    if (part.type !== 'text') continue;
    for (const raw of part.text.replace(/<system-reminder>[\s\S]*?<\/system-reminder>/g, '\n').split(/\n+/)) {
      const line = normalizeText(raw);
      if (line.length >= MIN_LINE) hashes.add(hashText(`line\u0000${line}`));
    }
  }
  return [...hashes];
}
