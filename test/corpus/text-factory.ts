// Plausible, varied text for simulated conversations: coding requests, answers, file paths, command output.
// Every draw mixes enough words that two sessions never share a message by accident, as in real traffic.

import type { Rng } from './prng';

const VERBS = ['refactor', 'fix', 'explain', 'optimize', 'document', 'test', 'rename', 'migrate', 'review', 'debug', 'profile', 'split'];
const NOUNS = ['parser', 'cache layer', 'retry logic', 'login form', 'websocket client', 'schema migration', 'CLI flags', 'date formatter', 'rate limiter', 'config loader', 'upload handler', 'search index', 'session store', 'billing job', 'markdown renderer', 'event bus'];
const ADJ = ['flaky', 'slow', 'broken', 'legacy', 'new', 'async', 'nested', 'duplicated', 'unused', 'fragile', 'verbose', 'hot'];
const WORDS = ['the', 'function', 'returns', 'early', 'when', 'input', 'is', 'empty', 'so', 'we', 'should', 'handle', 'edge', 'cases', 'and', 'add', 'a', 'guard', 'before', 'calling', 'it', 'again', 'then', 'update', 'tests', 'because', 'values', 'change', 'between', 'runs', 'which', 'explains', 'failure', 'under', 'load', 'after', 'deploy', 'our', 'module', 'imports', 'state', 'from', 'global', 'scope'];
const DIRS = ['src', 'lib', 'app', 'packages/core', 'server', 'web/components', 'internal', 'cmd'];
const EXT = ['ts', 'py', 'go', 'rs', 'tsx', 'js'];

export function words(rng: Rng, count: number): string {
  return Array.from({ length: count }, () => rng.pick(WORDS)).join(' ');
}

export function sentence(rng: Rng, count = rng.int(8, 16)): string {
  const text = words(rng, count);
  return `${text[0].toUpperCase()}${text.slice(1)} (${rng.hex(4)}).`;
}

export function paragraph(rng: Rng, sentences = rng.int(2, 4)): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(' ');
}

export function task(rng: Rng): string {
  return `Please ${rng.pick(VERBS)} the ${rng.pick(ADJ)} ${rng.pick(NOUNS)} in ${filePath(rng)}; ${words(rng, rng.int(6, 12))} (${rng.hex(6)}).`;
}

export function filePath(rng: Rng): string {
  return `${rng.pick(DIRS)}/${rng.pick(NOUNS).replace(/ /g, '-')}-${rng.hex(3)}.${rng.pick(EXT)}`;
}

export function command(rng: Rng): string {
  return rng.pick([`grep -rn "${rng.pick(WORDS)}" ${rng.pick(DIRS)}`, `npm test -- ${filePath(rng)}`, `ls ${rng.pick(DIRS)}`, `cat ${filePath(rng)}`, `git diff ${rng.pick(DIRS)}`]);
}

export function output(rng: Rng, lines = rng.int(2, 8)): string {
  return Array.from({ length: lines }, () => `${filePath(rng)}:${rng.int(1, 400)}: ${words(rng, rng.int(3, 9))}`).join('\n');
}

/** A multi-line summary, as Claude Code's /compact and the SDK's compaction write them. */
export function summary(rng: Rng): string {
  const section = (title: string) => `## ${title}\n${Array.from({ length: rng.int(2, 4), }, () => `- ${sentence(rng, rng.int(9, 16))}`).join('\n')}`;
  return `<summary>\n${section('Primary Request and Intent')}\n${section('Current State')}\n${section('Next Steps')}\n</summary>`;
}
