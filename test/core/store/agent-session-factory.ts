// Realistic agent traffic as raw wire bodies, for storage tests and the store benchmark: a Claude Code-like agent on
// the Anthropic Messages API (system blocks, a large tool list, reminder blocks, thinking inside tool loops, tool
// results carrying file contents and command output, cache_control moved onto the last two messages every turn,
// streamed answers) and a chat client on OpenAI Chat Completions. Every request re-sends the whole history, which
// is what makes a naive store grow with the square of the turns. Deterministic for a seed.

import { parseExchange } from '../../../electron/core/providers';
import type { Exchange } from '../../../shared/exchange';
import type { InteractionRecord } from '../../../shared/interaction';
import type { ParsedExchange } from '../../../shared/normalized';

type Json = Record<string, unknown>;

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words drawn from a fixed vocabulary: text about as compressible as prose and code are. */
class TextSource {
  private readonly words: string[];
  constructor(readonly rnd: () => number) {
    const syllables = ['ta', 'ren', 'fo', 'lix', 'mar', 'de', 'qu', 'sto', 'pel', 'an', 'vi', 'cor', 'ex', 'ul', 'ni', 'bra', 'ges', 'io', 'th', 'ump'];
    this.words = Array.from({ length: 1500 }, () => Array.from({ length: 1 + this.int(3) }, () => this.pick(syllables)).join(''));
  }
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  hex(n: number): string {
    return Array.from({ length: n }, () => '0123456789abcdef'[this.int(16)]).join('');
  }
  sentence(words = 8 + this.int(14)): string {
    const text = Array.from({ length: words }, () => this.pick(this.words)).join(' ');
    return text[0].toUpperCase() + text.slice(1) + '.';
  }
  prose(chars: number): string {
    let out = '';
    while (out.length < chars) out += (out ? ' ' : '') + this.sentence();
    return out;
  }
  code(lines: number): string {
    return Array.from({ length: lines }, (_, i) => {
      const indent = '  '.repeat(this.int(4));
      const w = () => this.pick(this.words);
      return `${String(i + 1).padStart(5)}\t${indent}${this.pick(['const', 'let', 'return', 'if (', 'await', 'export function'])} ${w()}${this.pick(['.', '_', ''])}${w()} = ${w()}(${w()}, ${this.int(1000)});`;
    }).join('\n');
  }
}

export interface AgentSessionOptions {
  seed: number;
  turns: number;
  /** Prefix of interaction ids; ids must be unique across sessions put into one store. */
  idPrefix: string;
  startedAt?: number;
  /** Scales tool outputs and prose (1 = typical Claude Code sizes). */
  size?: number;
  /** False leaves `parsed` empty, for a benchmark that times the provider's parse itself. */
  parse?: boolean;
}

const CLAUDE_TOOLS = ['Task', 'Bash', 'Glob', 'Grep', 'LS', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'WebSearch', 'BashOutput', 'KillShell'];

/** A Claude Code-like session: one interaction per request, history growing by an answer and a tool result (or a typed message) each time. */
export function* claudeCodeSession(options: AgentSessionOptions): Generator<InteractionRecord> {
  const t = new TextSource(prng(options.seed));
  const size = options.size ?? 1;
  const run = `${t.hex(8)}-${t.hex(4)}-${t.hex(4)}-${t.hex(4)}-${t.hex(12)}`;
  // The fixed part every request repeats: ~10 KB of instructions and ~25 KB of tool definitions, the same for every
  // session of one client version (its own seed); only the environment block differs per session.
  const client = new TextSource(prng(20250929));
  const system = [
    { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
    { type: 'text', text: client.prose(9_000) },
    { type: 'text', text: `<env>\nWorking directory: /home/dev/${t.hex(8)}\nToday's date: 2025-10-${10 + t.int(20)}\n</env>`, cache_control: { type: 'ephemeral' } },
  ];
  const tools = CLAUDE_TOOLS.map((name) => ({
    name,
    description: client.prose(800 + client.int(2_000)),
    input_schema: { type: 'object', properties: { [client.pick(['command', 'path', 'pattern'])]: { type: 'string', description: client.sentence() }, timeout: { type: 'number' } }, required: ['command'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
  }));
  const messages: Json[] = [];
  let now = options.startedAt ?? 1_760_000_000_000;
  let pendingToolUse: string | undefined;
  for (let turn = 0; turn < options.turns; turn++) {
    if (pendingToolUse) {
      const output = t.rnd() < 0.5 ? t.code(Math.floor((20 + t.int(60)) * size)) : t.prose(Math.floor((400 + t.int(2_500)) * size));
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: pendingToolUse, content: output }] });
    } else {
      const reminder = `<system-reminder>\nAs you answer the user's questions, you can use the following context: ${t.prose(300)}\n</system-reminder>`;
      messages.push({ role: 'user', content: [{ type: 'text', text: reminder }, { type: 'text', text: t.prose(80 + t.int(400)) }] });
    }
    const body = {
      model: 'claude-sonnet-4-5-20250929',
      messages: withMovingCacheControl(messages),
      temperature: 1,
      system,
      tools,
      metadata: { user_id: `user_${t.hex(64)}_account__session_${run}` },
      max_tokens: 32000,
      stream: true,
    };
    const useTool = t.rnd() < 0.8 && turn < options.turns - 1;
    const answer: Json[] = [];
    if (useTool && t.rnd() < 0.3) answer.push({ type: 'thinking', thinking: t.prose(300 + t.int(600)), signature: t.hex(200) });
    answer.push({ type: 'text', text: t.prose(Math.floor((60 + t.int(500)) * size)) });
    pendingToolUse = undefined;
    if (useTool) {
      pendingToolUse = `toolu_01${t.hex(22)}`;
      answer.push({ type: 'tool_use', id: pendingToolUse, name: t.pick(CLAUDE_TOOLS), input: { command: `${t.pick(['rg', 'cat', 'npm test', 'ls -la'])} ${t.pick(['src', 'test', 'lib'])}/${t.hex(6)}.ts`, description: t.sentence(6) } });
    }
    const id = `${options.idPrefix}-${String(turn).padStart(4, '0')}`;
    yield record(id, now, 'https://api.anthropic.com/v1/messages', anthropicHeaders(run), JSON.stringify(body), anthropicSse(t, answer), options.parse !== false);
    messages.push({ role: 'assistant', content: answer });
    now += 2_000 + t.int(20_000);
  }
}

/** Claude Code keeps two cache breakpoints on the last blocks of the last two messages, so those change each turn. */
function withMovingCacheControl(messages: Json[]): Json[] {
  return messages.map((m, i) => {
    if (i < messages.length - 2) return m;
    const content = m.content as Json[];
    return { ...m, content: content.map((b, j) => (j === content.length - 1 ? { ...b, cache_control: { type: 'ephemeral' } } : b)) };
  });
}

function anthropicHeaders(run: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'claude-cli/2.0.14 (external, cli)',
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14',
    'x-api-key': 'sk-ant-…9f3a',
    'x-claude-code-session-id': run,
    'x-stainless-retry-count': '0',
  };
}

function anthropicSse(t: TextSource, blocks: Json[]): string {
  const events: [string, Json][] = [];
  events.push(['message_start', { type: 'message_start', message: { id: `msg_01${t.hex(22)}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [], stop_reason: null, usage: { input_tokens: 4, cache_read_input_tokens: 40_000 + t.int(60_000), output_tokens: 1 } } }]);
  blocks.forEach((block, index) => {
    if (block.type === 'text' || block.type === 'thinking') {
      const key = block.type === 'text' ? 'text' : 'thinking';
      events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: block.type, [key]: '' } }]);
      const text = String(block[key]);
      for (let i = 0; i < text.length; i += 60) {
        events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: `${key}_delta`, [key]: text.slice(i, i + 60) } }]);
      }
      if (block.type === 'thinking') events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } }]);
    } else {
      events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }]);
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } }]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  events.push(['message_delta', { type: 'message_delta', delta: { stop_reason: blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn' }, usage: { output_tokens: 50 + t.int(900) } }]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** A chat client on Chat Completions: plain string messages, streamed chunks, a system prompt. */
export function* openAiChatSession(options: AgentSessionOptions): Generator<InteractionRecord> {
  const t = new TextSource(prng(options.seed));
  const messages: Json[] = [{ role: 'system', content: t.prose(1_500) }];
  let now = options.startedAt ?? 1_760_000_000_000;
  for (let turn = 0; turn < options.turns; turn++) {
    messages.push({ role: 'user', content: t.prose(100 + t.int(800)) });
    const body = { model: 'gpt-4.1', messages, stream: true, stream_options: { include_usage: true }, temperature: 0.2 };
    const answer = t.prose(200 + t.int(1_500));
    const created = Math.floor(now / 1000);
    const chunkId = `chatcmpl-${t.hex(24)}`;
    const chunks: Json[] = [];
    for (let i = 0; i < answer.length; i += 24) {
      chunks.push({ id: chunkId, object: 'chat.completion.chunk', created, model: 'gpt-4.1-2025-04-14', system_fingerprint: 'fp_b3f1157249', choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: answer.slice(i, i + 24) } : { content: answer.slice(i, i + 24) }, finish_reason: null }] });
    }
    chunks.push({ id: chunkId, object: 'chat.completion.chunk', created, model: 'gpt-4.1-2025-04-14', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const sse = chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
    const id = `${options.idPrefix}-${String(turn).padStart(4, '0')}`;
    const headers = { 'content-type': 'application/json', 'user-agent': 'OpenAI/Python 1.99.0', authorization: 'Bearer sk-…k3Qz' };
    yield record(id, now, 'https://api.openai.com/v1/chat/completions', headers, JSON.stringify(body), sse, options.parse !== false);
    messages.push({ role: 'assistant', content: answer });
    now += 5_000 + t.int(60_000);
  }
}

function record(id: string, startedAt: number, url: string, requestHeaders: Record<string, string>, request: string, response: string, parse: boolean): InteractionRecord {
  const responseHeaders = { 'content-type': 'text/event-stream', 'request-id': `req_${id}` };
  const exchange: Exchange = {
    id,
    via: 'proxy',
    method: 'POST',
    url,
    requestHeaders,
    requestBody: { encoding: 'utf8', data: request, size: Buffer.byteLength(request) },
    status: 200,
    responseHeaders,
    responseBody: { encoding: 'utf8', data: response, size: Buffer.byteLength(response) },
    state: 'complete',
    startedAt,
    headersAt: startedAt + 800,
    firstByteAt: startedAt + 900,
    endedAt: startedAt + 1_500,
    clientAddress: '127.0.0.1',
  };
  const parsed = parse ? parseRecorded(exchange) : { provider: 'unknown', api: 'unknown' as const, endpoint: '/', notes: [] };
  return { id, exchange, parsed, placement: { sessionId: id, parentId: null, kind: 'start' } };
}

/** What the capture pipeline makes of a finished exchange: the provider adapter's parse of its bodies. */
export function parseRecorded(exchange: Exchange): ParsedExchange {
  return parseExchange({
    method: exchange.method,
    url: exchange.url,
    requestHeaders: exchange.requestHeaders,
    requestBody: exchange.requestBody?.data,
    status: exchange.status,
    responseHeaders: exchange.responseHeaders,
    responseBody: exchange.responseBody?.data,
  });
}

/** The record as the live pipeline first puts it: request sent, no answer yet. */
export function inFlight(record: InteractionRecord): InteractionRecord {
  const { responseBody: _body, endedAt: _ended, ...exchange } = record.exchange;
  const parsed = parseExchange({ method: exchange.method, url: exchange.url, requestHeaders: exchange.requestHeaders, requestBody: exchange.requestBody?.data });
  return { id: record.id, exchange: { ...exchange, state: 'streaming' }, parsed };
}
