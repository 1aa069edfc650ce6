// Clients that manage their context: Aider re-renders repo map and file messages before the history every turn
// and switches system prompts by mode; Cline drops a middle range and annotates the first answer; and plain
// Gemini and Ollama conversations.

import type { Api, Message, Part } from '../../shared/normalized';
import { ClientSim, NEW_SESSION } from './client-sim';
import { filePath, output, paragraph, sentence, task } from './text-factory';

const text = (value: string): Part => ({ type: 'text', text: value });
const msg = (role: Message['role'], ...parts: Part[]): Message => ({ role, parts });

export function simulateAider(sim: ClientSim): void {
  const rng = sim.rng;
  const modes = ['Act as an expert software developer. Always use best practices when coding.', 'Act as an expert code analyst. Answer questions about the supplied code.'];
  const files = [filePath(rng), filePath(rng)];
  let repoMap = files.map((f) => `${f}:\n│def ${sentence(rng, 2)}`).join('\n');
  const done: Message[] = [];
  let session = NEW_SESSION;
  let last: string | null = null;
  for (let turn = 0; turn < rng.int(2, 6); turn++) {
    repoMap += `\n${filePath(rng)}:\n│class ${rng.hex(5)}`;
    const current = msg('user', text(task(rng)));
    const messages: Message[] = [
      msg('system', text(rng.pick(modes))),
      msg('user', text(`Here are summaries of some files present in my git repository.\n${repoMap}`)),
      msg('assistant', text("Ok, I won't try and edit those files without asking first.")),
      ...done,
      msg('user', text(`I have *added these files to the chat* so you can go ahead and edit them.\n${files.map((f) => `${f}\n\`\`\`\n${output(rng, 3)}\n\`\`\``).join('\n')}`)),
      msg('assistant', text('Ok, any changes I propose will be to those files.')),
      current,
    ];
    const answer = msg('assistant', text(`${paragraph(rng)}\n${files[0]}\n<<<<<<< SEARCH\n${sentence(rng)}\n=======\n${sentence(rng)}\n>>>>>>> REPLACE`));
    const sent = sim.send({ messages, answer, model: 'gpt-4.1', api: 'openai-chat', provider: 'openai', params: { temperature: 0 } }, { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    done.push(current, answer);
    sim.pause(5000, 60_000);
  }
}

const CLINE_NOTE = '\n\n[NOTE] Some previous conversation history with the user has been removed to maintain optimal context window length. The initial user task and the most recent exchanges have been retained for continuity.';

export function simulateCline(sim: ClientSim): void {
  const rng = sim.rng;
  const system = msg('system', text(`You are Cline, a highly skilled software engineer (${rng.hex(4)}).`));
  const history: Message[] = [msg('user', text(`<task>\n${task(rng)}\n</task>`))];
  let dropped = 0;
  let session = NEW_SESSION;
  let last: string | null = null;
  const steps = rng.int(8, 16);
  for (let step = 0; step <= steps; step++) {
    if (history.length - dropped > 10) dropped += 4; // keep the task and first answer, drop a middle range
    const visible = dropped > 0
      ? [history[0], msg('assistant', ...history[1].parts.map((p, i) => (i === 0 && p.type === 'text' ? text(p.text + CLINE_NOTE) : p))), ...history.slice(2 + dropped)]
      : history;
    const answer = msg('assistant', text(step === steps ? `<attempt_completion>\n${paragraph(rng)}\n</attempt_completion>` : `${sentence(rng)}\n<read_file>\n<path>${filePath(rng)}</path>\n</read_file>`));
    const sent = sim.send({ messages: [system, ...visible], answer, model: 'claude-sonnet-4-5', api: 'anthropic-messages', provider: 'anthropic', params: { max_tokens: 8192 } }, { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    history.push(answer, msg('user', text(`[read_file] Result:\n${output(rng)}`)));
    sim.pause(200, 4000);
  }
}

/** Gemini (no tool-call ids, functionResponse by name) and Ollama (object arguments, no ids) conversations. */
export function simulatePlainChat(sim: ClientSim, flavor: 'gemini' | 'ollama'): void {
  const rng = sim.rng;
  const api: Api = flavor === 'gemini' ? 'gemini-generate' : 'ollama-chat';
  const model = flavor === 'gemini' ? 'gemini-2.5-pro' : rng.pick(['llama3.1:8b', 'qwen2.5:7b']);
  const provider = flavor === 'gemini' ? 'google' : 'ollama';
  const history: Message[] = [msg('system', text(`You are a ${flavor} assistant for project ${rng.hex(5)}.`))];
  let session = NEW_SESSION;
  let last: string | null = null;
  for (let turn = 0; turn < rng.int(2, 5); turn++) {
    history.push(msg('user', text(`${sentence(rng)}?`)));
    const withTool = rng.chance(0.35);
    const answer = withTool
      ? msg('assistant', { type: 'tool-call', name: 'get_file', arguments: { path: filePath(rng) } })
      : msg('assistant', text(paragraph(rng)));
    let sent = sim.send({ messages: [...history], answer, model, api, provider, tools: ['get_file'], params: {} }, { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    history.push(answer);
    if (withTool) {
      history.push(msg(flavor === 'gemini' ? 'user' : 'tool', { type: 'tool-result', name: 'get_file', content: [text(output(rng, 3))] }));
      const final = msg('assistant', text(paragraph(rng)));
      sent = sim.send({ messages: [...history], answer: final, model, api, provider, tools: ['get_file'], params: {} }, { sessionId: session, parentId: last, kind: 'turn' });
      last = sent.id;
      history.push(final);
    }
    sim.pause(2000, 30_000);
  }
}
