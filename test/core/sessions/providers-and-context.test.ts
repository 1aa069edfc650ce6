import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeAll } from '../../../electron/core/sessions';
import type { Message } from '../../../shared/normalized';
import { FIXTURES } from './anthropic-fixture';
import { assistant, call, exchange, result, system, text, thinking, tool, user } from './factories';

describe('OpenAI Responses', () => {
  it('follows Codex replaying the whole input, items split and arguments re-serialized', () => {
    const instructions = system('You are Codex, based on GPT-5.');
    const env = user('<environment_context><cwd>/repo</cwd></environment_context>');
    const ask = user('Run the tests.');
    const answer = assistant(thinking('', ), call('shell', { command: ['bash', '-lc', 'npm test'] }, 'call_1'));
    const base = { api: 'openai-responses' as const, provider: 'openai', model: 'gpt-5-codex', hints: { 'header:session_id': 'c0dex' } };
    const placements = placeAll([
      exchange({ ...base, id: 'a', at: 0, messages: [instructions, env, ask], answer }),
      exchange({ ...base, id: 'b', at: 4000, messages: [instructions, env, ask, { role: 'assistant', parts: [{ type: 'thinking', text: '', encrypted: 'gAAAA' }] }, assistant(call('shell', '{"command":["bash","-lc","npm test"]}', 'call_1')), tool('call_1', '12 passed')], answer: assistant('All 12 tests pass.') }),
    ]);
    expect(placements.get('b')).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
  });

  it('chains previous_response_id to the interaction whose response id matches', () => {
    const base = { api: 'openai-responses' as const, provider: 'openai', model: 'gpt-4.1' };
    const placements = placeAll([
      exchange({ ...base, id: 'a', at: 0, messages: [system('Docs bot.'), user('What is a webhook?')], answer: assistant('A callback over HTTP.'), responseId: 'resp_1' }),
      exchange({ ...base, id: 'other', at: 100, messages: [user('Unrelated')], answer: assistant('Sure.'), responseId: 'resp_x' }),
      exchange({ ...base, id: 'b', at: 3000, messages: [user('How do I secure one?')], previousResponseId: 'resp_1', answer: assistant('Sign the payload.'), responseId: 'resp_2' }),
      exchange({ ...base, id: 'c', at: 6000, messages: [user('With which algorithm?')], previousResponseId: 'resp_2', answer: assistant('HMAC-SHA256.'), responseId: 'resp_3' }),
      exchange({ ...base, id: 'd', at: 9000, messages: [user('Actually, how do I test one?')], previousResponseId: 'resp_1', answer: assistant('Use a tunnel.'), responseId: 'resp_4' }),
    ]);
    expect(placements.get('b')).toEqual({ sessionId: 'a', parentId: 'a', kind: 'turn' });
    expect(placements.get('c')).toEqual({ sessionId: 'a', parentId: 'b', kind: 'turn' });
    expect(placements.get('d')).toEqual({ sessionId: 'a', parentId: 'a', kind: 'branch' });
  });
});

describe('Gemini and Ollama conversations', () => {
  it('continues a Gemini conversation with id-less function calls', () => {
    const base = { api: 'gemini-generate' as const, provider: 'google', model: 'gemini-2.5-pro', client: 'google-genai-sdk|127.0.0.1' };
    const sys = system('You are a file assistant.');
    const q = user('What is in README.md?');
    const fc = assistant(call('get_file', { path: 'README.md' }));
    const placements = placeAll([
      exchange({ ...base, id: 'g1', at: 0, messages: [sys, q], answer: fc }),
      exchange({ ...base, id: 'g2', at: 2000, messages: [sys, q, fc, user({ type: 'tool-result', name: 'get_file', content: [text('# Demo')] })], answer: assistant('A heading, Demo.') }),
    ]);
    expect(placements.get('g2')).toEqual({ sessionId: 'g1', parentId: 'g1', kind: 'turn' });
  });

  it('continues an Ollama chat', () => {
    const base = { api: 'ollama-chat' as const, provider: 'ollama', model: 'llama3.1:8b', client: 'ollama-js|127.0.0.1' };
    const sys = system('Be brief.');
    const placements = placeAll([
      exchange({ ...base, id: 'o1', at: 0, messages: [sys, user('Name a prime.')], answer: assistant('7') }),
      exchange({ ...base, id: 'o2', at: 1500, messages: [sys, user('Name a prime.'), assistant('7'), user('A bigger one?')], answer: assistant('101') }),
    ]);
    expect(placements.get('o2')).toEqual({ sessionId: 'o1', parentId: 'o1', kind: 'turn' });
  });
});

describe('clients that manage their context', () => {
  it('keeps a Cline conversation whose middle range was dropped and first answer annotated', () => {
    const sys = system('You are Cline.');
    const taskMsg = user('<task>Add a dark mode</task>');
    const answers = Array.from({ length: 6 }, (_, i) => assistant(`Step ${i}: reading file ${i}.`));
    const results = Array.from({ length: 6 }, (_, i) => user(`[read_file] Result: contents ${i}`));
    const history = (n: number): Message[] => [taskMsg, ...answers.slice(0, n).flatMap((a, i) => [a, results[i]])];
    const items = Array.from({ length: 5 }, (_, n) => exchange({ id: `c${n}`, at: n * 1000, messages: [sys, ...history(n)], answer: answers[n] }));
    const annotated = assistant('Step 0: reading file 0.\n\n[NOTE] Some previous conversation history with the user has been removed.');
    const windowed: Message[] = [sys, taskMsg, annotated, ...history(5).slice(5)];
    items.push(exchange({ id: 'c5', at: 5000, messages: windowed, answer: answers[5] }));
    const placements = placeAll(items);
    expect(placements.get('c5')).toEqual({ sessionId: 'c0', parentId: 'c4', kind: 'turn' });
  });

  it('keeps an Aider conversation whose repo map is re-rendered before the history and whose mode switches', () => {
    const map = (v: number) => user(`Here are summaries of some files present in my git repository.\nsrc/a.py v${v}`);
    const ack = assistant("Ok, I won't try and edit those files without asking first.");
    const files = (v: number) => user(`I have *added these files to the chat*.\nsrc/a.py\n\`\`\`\nrev ${v}\n\`\`\``);
    const filesAck = assistant('Ok, any changes I propose will be to those files.');
    const u1 = user('Add type hints.');
    const a1 = assistant('src/a.py\n<<<<<<< SEARCH\ndef f(x):\n=======\ndef f(x: int):\n>>>>>>> REPLACE');
    const u2 = user('Why int?');
    const a2 = assistant('Because callers pass counts.');
    const base = { api: 'openai-chat' as const, provider: 'openai', model: 'gpt-4.1', client: 'aider|127.0.0.1' };
    const placements = placeAll([
      exchange({ ...base, id: 'a1', at: 0, messages: [system('Act as an expert software developer.'), map(1), ack, files(1), filesAck, u1], answer: a1 }),
      exchange({ ...base, id: 'a2', at: 9000, messages: [system('Act as an expert code analyst.'), map(2), ack, u1, a1, files(2), filesAck, u2], answer: a2 }),
      exchange({ ...base, id: 'a3', at: 19_000, messages: [system('Act as an expert software developer.'), map(3), ack, u1, a1, u2, a2, files(3), filesAck, user('Now add tests.')], answer: assistant('Added tests.') }),
    ]);
    expect(placements.get('a2')).toEqual({ sessionId: 'a1', parentId: 'a1', kind: 'turn' });
    expect(placements.get('a3')).toEqual({ sessionId: 'a1', parentId: 'a2', kind: 'turn' });
  });

  it('keeps the recorded SWE-agent trajectory in one session while old observations are elided', () => {
    const traj = JSON.parse(readFileSync(`${FIXTURES}swe-agent_function_calling_simple.traj`, 'utf8')) as {
      history: Array<{ role: string; content: string; tool_calls?: string; tool_call_ids?: string; message_type: string }>;
    };
    const toMessage = (m: (typeof traj.history)[number], elide: boolean): Message => {
      if (m.role === 'tool') {
        const content = elide ? `Old environment output: (${m.content.split('\n').length} lines omitted)` : m.content;
        return { role: 'tool', parts: [result(undefined, content)] };
      }
      if (m.role === 'assistant') {
        // tool_calls is a Python repr; the function name and arguments are what matters.
        const fn = /'arguments': '(.*?)', 'name': '(.*?)'/.exec(m.tool_calls ?? '');
        return assistant(text(m.content), call(fn?.[2] ?? 'bash', fn?.[1] ?? '{}'));
      }
      return { role: m.role as Message['role'], parts: [text(m.content)] };
    };
    const history = traj.history;
    const steps = history.map((m, i) => (m.role === 'assistant' ? i : -1)).filter((i) => i >= 0);
    const base = { api: 'openai-chat' as const, provider: 'openai', model: 'gpt-4o', client: 'litellm|127.0.0.1', tools: ['bash'] };
    const items = steps.map((at, n) => {
      const toolIndexes = history.slice(0, at).map((m, i) => (m.role === 'tool' ? i : -1)).filter((i) => i >= 0);
      const keep = new Set(toolIndexes.slice(-2));
      const messages = history.slice(0, at).map((m, i) => toMessage(m, m.role === 'tool' && !keep.has(i)));
      return exchange({ ...base, id: `swe${n}`, at: n * 5000, messages, answer: toMessage(history[at], false) });
    });
    const placements = placeAll(items);
    expect(steps.length).toBeGreaterThan(3);
    items.forEach((item, n) => {
      expect(placements.get(item.id)).toEqual(n === 0 ? { sessionId: 'swe0', parentId: null, kind: 'start' } : { sessionId: 'swe0', parentId: `swe${n - 1}`, kind: 'turn' });
    });
  });
});
