// A Claude-Code-shaped agent run through the real engine, for the flow view's browser tests: a main conversation
// whose first answer starts a sub-agent (a Task tool call whose `prompt` becomes the sub-agent's first user
// message), a quota side call on a small model (max_tokens 1), a 500 followed by the SDK's identical retry, a
// tool that fails, and a last answer that keeps streaming until the test releases it.
// The upstream answers are Anthropic Messages SSE, written event by event with realistic delays (TTFT, chunks).

import type http from 'node:http';
import type { ExtraRoute } from '../helpers/fake-llm-upstream';

export const SUBAGENT_PROMPT = 'Investigate why the build of packages/core fails on CI and report the root cause with the failing file.';
const MAIN_MODEL = 'claude-sonnet-4-5-20250929';
const SMALL_MODEL = 'claude-3-5-haiku-20241022';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

interface Answer {
  blocks: Block[];
  usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens?: number; cache_creation_input_tokens?: number };
  ttftMs: number;
  chunkMs: number;
  /** Resolves when the last event may be sent (the in-flight call). */
  hold?: Promise<void>;
}

async function streamAnswer(res: http.ServerResponse, model: string, answer: Answer): Promise<void> {
  const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  await sleep(answer.ttftMs);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  send('message_start', { message: { id: `msg_${Math.random().toString(36).slice(2)}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { ...answer.usage, output_tokens: 1 } } });
  for (const [index, block] of answer.blocks.entries()) {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const word of block.text.split(/(?<= )/)) {
        send('content_block_delta', { index, delta: { type: 'text_delta', text: word } });
        await sleep(answer.chunkMs);
      }
    } else {
      send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
      await sleep(answer.chunkMs);
    }
    send('content_block_stop', { index });
  }
  if (answer.hold) await answer.hold;
  const toolUse = answer.blocks.some((b) => b.type === 'tool_use');
  send('message_delta', { delta: { stop_reason: toolUse ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: answer.usage.output_tokens } });
  send('message_stop', {});
  res.end();
}

type WireMessage = { role: string; content: unknown };

/** The upstream side of the run: answers chosen from the shape of each request, as a scripted model would. */
export function agentRunUpstream(): { route: ExtraRoute; release(): void } {
  let release!: () => void;
  const hold = new Promise<void>((r) => (release = r));
  let failedOnce = false;
  const route: ExtraRoute = (path, json, _req, res) => {
    if (!path.startsWith('/v1/messages')) return false;
    const messages = (json.messages ?? []) as WireMessage[];
    const system = JSON.stringify(json.system ?? '');
    const model = String(json.model);
    const base = { ttftMs: 90, chunkMs: 25 };
    let answer: Answer;
    if (json.max_tokens === 1) {
      answer = { ...base, ttftMs: 40, blocks: [{ type: 'text', text: '.' }], usage: { input_tokens: 12, output_tokens: 1 } };
    } else if (system.includes('sub-agent')) {
      answer =
        messages.length === 1
          ? { ...base, blocks: [{ type: 'text', text: 'Running the build. ' }, { type: 'tool_use', id: 'toolu_sub_bash', name: 'Bash', input: { command: 'npm run build -w packages/core' } }], usage: { input_tokens: 900, output_tokens: 40, cache_creation_input_tokens: 2100 } }
          : { ...base, ttftMs: 140, blocks: [{ type: 'text', text: 'Root cause: packages/core/src/index.ts imports a file that was renamed in the last commit.' }], usage: { input_tokens: 80, output_tokens: 60, cache_read_input_tokens: 3000 } };
    } else if (messages.length === 1) {
      answer = { ...base, blocks: [{ type: 'text', text: 'I will delegate the investigation. ' }, { type: 'tool_use', id: 'toolu_task', name: 'Task', input: { description: 'Investigate CI build', prompt: SUBAGENT_PROMPT, subagent_type: 'general-purpose' } }], usage: { input_tokens: 1500, output_tokens: 70, cache_creation_input_tokens: 9000 } };
    } else if (messages.length === 3) {
      if (!failedOnce) {
        failedOnce = true;
        setTimeout(() => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }));
        }, 120);
        return true;
      }
      answer = { ...base, blocks: [{ type: 'tool_use', id: 'toolu_main_bash', name: 'Bash', input: { command: 'git mv src/old.ts src/index-helpers.ts' } }], usage: { input_tokens: 120, output_tokens: 35, cache_read_input_tokens: 10_500 } };
    } else if (messages.length === 5) {
      answer = { ...base, blocks: [{ type: 'tool_use', id: 'toolu_edit', name: 'Edit', input: { file_path: 'packages/core/src/index.ts', old_string: './old', new_string: './index-helpers' } }], usage: { input_tokens: 160, output_tokens: 50, cache_read_input_tokens: 10_700 } };
    } else {
      answer = { ...base, chunkMs: 60, hold, blocks: [{ type: 'text', text: 'The build passes again. The import now points at the renamed helpers file and CI should be green.' }], usage: { input_tokens: 140, output_tokens: 45, cache_read_input_tokens: 10_900 } };
    }
    void streamAnswer(res, model, answer);
    return true;
  };
  return { route, release };
}

/** The client side: what Claude Code would send, in order, with the pauses in between (tools running). */
export async function runAgent(proxyUrl: string, options: { onLastStarted?: () => void } = {}): Promise<void> {
  const headers = {
    'content-type': 'application/json',
    'x-api-key': 'sk-ant-flow-test-000000000000',
    'anthropic-version': '2023-06-01',
    'user-agent': 'claude-cli/2.0.14 (external, cli)',
    'x-claude-code-session-id': 'run-flow-1',
  };
  const tools = [{ name: 'Task', input_schema: { type: 'object' } }, { name: 'Bash', input_schema: { type: 'object' } }, { name: 'Edit', input_schema: { type: 'object' } }];
  const post = async (body: object, retries = 0): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${proxyUrl}/anthropic/v1/messages`, { method: 'POST', headers: { ...headers, 'x-stainless-retry-count': String(attempt) }, body: JSON.stringify(body) });
      if (res.status < 500 || attempt >= retries) return res;
      await res.text();
      await sleep(150);
    }
  };
  const call = async (body: object, retries = 0) => (await post({ stream: true, max_tokens: 4096, ...body }, retries)).text();
  const main = (messages: WireMessage[]) => ({ model: MAIN_MODEL, system: [{ type: 'text', text: 'You are Claude Code, a coding agent.' }], tools, messages });

  const m: WireMessage[] = [{ role: 'user', content: 'The CI build is red. Find out why and fix it.' }];
  await call({ ...main(m) });
  m.push({ role: 'assistant', content: [{ type: 'text', text: 'I will delegate the investigation. ' }, { type: 'tool_use', id: 'toolu_task', name: 'Task', input: { description: 'Investigate CI build', prompt: SUBAGENT_PROMPT, subagent_type: 'general-purpose' } }] });
  await sleep(60);

  // The sub-agent: its own system prompt, its first user message is the Task prompt.
  const sub: WireMessage[] = [{ role: 'user', content: SUBAGENT_PROMPT }];
  const subBody = (messages: WireMessage[]) => ({ model: MAIN_MODEL, system: [{ type: 'text', text: 'You are a sub-agent for Claude Code.' }], tools: tools.slice(1), messages });
  await call(subBody(sub));
  sub.push({ role: 'assistant', content: [{ type: 'text', text: 'Running the build. ' }, { type: 'tool_use', id: 'toolu_sub_bash', name: 'Bash', input: { command: 'npm run build -w packages/core' } }] });
  await sleep(250); // the build runs
  sub.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_sub_bash', content: "error TS2307: Cannot find module './old'", is_error: true }] });
  const quota = call({ model: SMALL_MODEL, max_tokens: 1, messages: [{ role: 'user', content: 'quota' }] });
  await call(subBody(sub));
  await quota;

  m.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_task', content: 'Root cause: packages/core/src/index.ts imports a file that was renamed in the last commit.' }] });
  await sleep(80);
  await call(main(m), 2); // 500, then the identical retry
  m.push({ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_main_bash', name: 'Bash', input: { command: 'git mv src/old.ts src/index-helpers.ts' } }] });
  await sleep(200);
  m.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_main_bash', content: 'fatal: not under version control', is_error: true }] });
  await call(main(m));
  m.push({ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_edit', name: 'Edit', input: { file_path: 'packages/core/src/index.ts', old_string: './old', new_string: './index-helpers' } }] });
  await sleep(150);
  m.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_edit', content: 'Edited.' }] });
  const last = call(main(m));
  options.onLastStarted?.();
  await last;
}
