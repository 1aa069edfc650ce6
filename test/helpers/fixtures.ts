// Loads the recorded public fixtures in ../shared/fixtures (read-only) and rebuilds wire framing where a
// recorder stripped it (see ../shared/fixtures/wire/SOURCES.md).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WIRE_DIR = fileURLToPath(new URL('../../../shared/fixtures/wire/', import.meta.url));
export const TRACES_DIR = fileURLToPath(new URL('../../../shared/fixtures/traces/', import.meta.url));

export function readWire(name: string): string {
  return readFileSync(WIRE_DIR + name, 'utf8');
}

/** Every wire sample, without the provenance notes. */
export function listWire(): string[] {
  return readdirSync(WIRE_DIR)
    .filter((name) => name !== 'SOURCES.md')
    .sort();
}

export function readTrace(name: string): unknown {
  return JSON.parse(readFileSync(TRACES_DIR + name, 'utf8'));
}

/** The JSON payloads of a payload-only `.chunks.txt` file, one per non-empty line, as text. */
export function payloadLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Anthropic and OpenAI Responses framing: `event: <payload.type>` then `data: <json>`. */
export function typedSse(payloadText: string): string {
  return payloadLines(payloadText)
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
}

/** Data-only framing: Chat Completions uses `\n\n`, Gemini `\r\n\r\n`. */
export function dataSse(payloadText: string, terminator = '\n\n'): string {
  return payloadLines(payloadText)
    .map((line) => `data: ${line}${terminator}`)
    .join('');
}

/** The ```json blocks of a doc page, each compacted onto one line: the NDJSON stream the page shows. */
export function ndjsonFromMarkdown(markdown: string): string {
  const blocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.stringify(JSON.parse(m[1])));
  return blocks.map((b) => `${b}\n`).join('');
}

/** The request body of a doc page's `curl ... -d '{...}'` example. */
export function curlBodyFromMarkdown(markdown: string): string {
  const match = /-d '([\s\S]*?)'\n/.exec(markdown);
  if (!match) throw new Error('no curl body in markdown');
  return match[1];
}
