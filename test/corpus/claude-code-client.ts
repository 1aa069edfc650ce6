// A Claude Code-like agent: system as blocks, reminder blocks in user turns, tool loops with thinking kept inside a
// loop and omitted from earlier turns, re-serialized tool arguments, side calls on a small model (quota probe,
// spinner words while typing, topic, title, file paths), sub-agents through a Task/Agent tool (sometimes two in
// parallel), and /compact followed by a continuation session.

import type { Message, Part } from '../../shared/normalized';
import type { Placement } from '../../shared/session';
import { ClientSim, NEW_SESSION, type Call, type Truth } from './client-sim';
import type { Rng } from './prng';
import { command, filePath, output, paragraph, sentence, summary, task } from './text-factory';

const MAIN = 'claude-sonnet-4-5-20250929';
const SMALL = 'claude-haiku-4-5-20251001';
const text = (value: string): Part => ({ type: 'text', text: value });
const reminder = (rng: Rng) => text(`<system-reminder>\nAs you answer, keep in mind the todo list (${rng.hex(6)}).\n</system-reminder>`);

export interface ClaudeCodeOptions {
  /** 2.x sends x-claude-code-session-id and a session part in metadata.user_id. */
  runHints: boolean;
  agentTool: 'Task' | 'Agent';
}

export function simulateClaudeCode(sim: ClientSim, options: ClaudeCodeOptions): void {
  const rng = sim.rng;
  const run = rng.uuid();
  const hints: Record<string, string> = options.runHints
    ? { 'header:x-claude-code-session-id': run, 'body:metadata.user_id': `user_${rng.hex(16)}_account_${rng.uuid()}_session_${run}` }
    : {};
  const tools = [options.agentTool, 'Bash', 'Read', 'Edit', 'Grep', 'TodoWrite'];
  const system: Message = {
    role: 'system',
    parts: [text("You are Claude Code, Anthropic's official CLI for Claude."), text(`You are an interactive CLI tool. Working directory: /home/dev/${rng.hex(6)}`)],
  };
  const call = (messages: Message[], answer: Message, extra: Partial<Call> = {}): Call => ({
    messages, answer, model: MAIN, api: 'anthropic-messages', provider: 'anthropic', tools, params: { max_tokens: 32000 }, hints, ...extra,
  });
  const side = (systemText: string, userText: string, answerText: string, params: Record<string, unknown> = { max_tokens: 512 }): Call => ({
    messages: [{ role: 'system', parts: [text(systemText)] }, { role: 'user', parts: [text(userText)] }],
    answer: { role: 'assistant', parts: [text(answerText)] }, model: SMALL, api: 'anthropic-messages', provider: 'anthropic', params, hints,
  });
  const pendingLinks: Array<NonNullable<Placement['link']>> = [];
  const sideTruth = (serving: string | undefined): Truth => {
    const link = { parentSessionId: serving ?? '', relation: 'side' as const };
    if (!serving) pendingLinks.push(link);
    return { sessionId: NEW_SESSION, parentId: null, kind: 'side', link };
  };

  // Startup quota probe, before any conversation exists.
  sim.send(side('', 'quota', '', { max_tokens: 1 }), sideTruth(undefined), { latency: rng.int(150, 400) });
  sim.pause(2000, 20_000);

  let session: string | undefined;
  let history: Message[] = [];
  let last: string | null = null;
  const turns = rng.int(2, 5);
  for (let turn = 0; turn < turns; turn++) {
    const typed = task(rng);
    if (rng.chance(0.6)) {
      // Spinner words on growing prefixes of what the person types.
      for (const cut of [0.4, 0.8]) {
        sim.send(side('Analyze this message and come up with a single positive, cheerful and delightful verb in gerund form.', typed.slice(0, Math.floor(typed.length * cut)), rng.pick(['Pondering', 'Crafting', 'Brewing'])), sideTruth(session), { latency: rng.int(200, 600), advance: false });
        sim.pause(300, 1500);
      }
    }
    sim.pause(500, 3000);
    // Earlier turns' thinking is omitted once a new user turn starts.
    history = history.map((m) => (m.role === 'assistant' ? { ...m, parts: m.parts.filter((p) => p.type !== 'thinking') } : m));
    history.push({ role: 'user', parts: turn === 0 ? [reminder(rng), text(typed)] : [text(typed), reminder(rng)] });
    const topicAt = sim.now + rng.int(1, 40);
    let step = 0;
    for (;;) {
      const finish = step >= rng.int(1, 4);
      const parallel = !finish && rng.chance(0.15);
      const spawn = !finish && rng.chance(0.3);
      const calls: Part[] = [];
      if (spawn) {
        for (let i = 0; i < (parallel ? 2 : 1); i++) {
          calls.push({ type: 'tool-call', id: `toolu_${rng.hex(20)}`, name: options.agentTool, arguments: { description: `Investigate ${rng.hex(4)}`, prompt: `${task(rng)} Report what you find. ${paragraph(rng, 1)}`, subagent_type: 'general-purpose' } });
        }
      } else if (!finish) {
        for (let i = 0; i < (parallel ? 2 : 1); i++) {
          calls.push(rng.chance(0.5)
            ? { type: 'tool-call', id: `toolu_${rng.hex(20)}`, name: 'Bash', arguments: { command: command(rng), description: 'Run it' } }
            : { type: 'tool-call', id: `toolu_${rng.hex(20)}`, name: 'Read', arguments: { file_path: filePath(rng), limit: rng.int(50, 400) } });
        }
      }
      const answer: Message = { role: 'assistant', parts: [{ type: 'thinking', text: paragraph(rng, 1), signature: rng.hex(24) }, text(finish ? paragraph(rng) : sentence(rng)), ...calls] };
      const truth: Truth = session === undefined
        ? { sessionId: NEW_SESSION, parentId: null, kind: 'start' }
        : { sessionId: session, parentId: last, kind: 'turn' };
      const sent = sim.send(call([system, ...history], answer), truth);
      if (session === undefined) {
        session = sent.firstId;
        for (const link of pendingLinks.splice(0)) link.parentSessionId = session;
      }
      if (step === 0 && (turn === 0 || rng.chance(0.5))) {
        sim.send(side('Analyze if this message indicates a new conversation topic. Format your response as a JSON object.', typed, `{"isNewTopic": ${turn === 0}, "title": "${rng.hex(5)}"}`), sideTruth(session), { at: topicAt, latency: rng.int(300, 900), advance: false });
      }
      last = sent.id;
      // The echo of the answer: arguments re-serialized as text with another key order, now and then.
      const echoed: Message = { role: 'assistant', parts: answer.parts.map((p) => (p.type === 'tool-call' && rng.chance(0.3) ? { ...p, arguments: JSON.stringify(reorder(p.arguments)) } : p)) };
      history.push(echoed);
      if (finish) break;
      const results: Part[] = [];
      const subEnds: number[] = [];
      for (const c of calls) {
        if (c.type !== 'tool-call') continue;
        if (c.name === options.agentTool) {
          const args = c.arguments as { prompt: string };
          const finalText = runSubAgent(sim, rng, args.prompt, hints, { parentSessionId: session, relation: 'subagent', viaInteractionId: sent.id, toolCallId: c.id }, sent.end + rng.int(20, 200), subEnds);
          results.push({ type: 'tool-result', toolCallId: c.id, content: [text(finalText)] });
        } else {
          const out = output(rng);
          results.push({ type: 'tool-result', toolCallId: c.id, content: [text(out)] });
          if (c.name === 'Bash' && rng.chance(0.3)) {
            sim.send(side('Extract any file paths that this command reads or modifies.', `Command: ${(c.arguments as { command: string }).command}\nOutput: ${out}`, `<filepaths>\n${filePath(rng)}\n</filepaths>`), sideTruth(session), { at: sim.now + 30, latency: rng.int(300, 900), advance: false });
          }
        }
      }
      if (subEnds.length > 0) sim.now = Math.max(...subEnds) + rng.int(50, 300);
      sim.pause(100, 1500);
      history.push({ role: 'user', parts: results });
      step++;
    }
    sim.pause(3000, 30_000);

    if (turn < turns - 1 && rng.chance(0.4)) {
      // /compact: system replaced, no tools, the whole history plus a request for a summary.
      const written = summary(rng);
      const compact = sim.send(
        { ...call([{ role: 'system', parts: [text('You are a helpful AI assistant tasked with summarizing conversations.')] }, ...history, { role: 'user', parts: [text('Your task is to create a detailed summary of the conversation so far, paying close attention to the explicit requests.')] }], { role: 'assistant', parts: [text(`<analysis>${sentence(rng)}</analysis>\n${written}`)] }), tools: undefined },
        { sessionId: session!, parentId: last, kind: 'compaction' },
      );
      sim.pause(500, 2000);
      const previous = session!;
      history = [{ role: 'user', parts: [reminder(rng), text(`This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\n${written}\nPlease continue the conversation from where we left it off.`)] }];
      const resumedAnswer: Message = { role: 'assistant', parts: [text(sentence(rng))] };
      const resumed = sim.send(call([system, ...history], resumedAnswer), { sessionId: NEW_SESSION, parentId: null, kind: 'start', link: { parentSessionId: previous, relation: 'continuation', viaInteractionId: compact.id } });
      session = resumed.firstId;
      last = resumed.id;
      history.push(resumedAnswer);
    }
  }
}

function reorder(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse());
}

function runSubAgent(sim: ClientSim, rng: Rng, prompt: string, hints: Record<string, string>, link: NonNullable<Placement['link']>, at: number, ends: number[]): string {
  const system: Message = { role: 'system', parts: [text(`You are an agent for Claude Code. Do what the prompt asks and report back (${rng.hex(4)}).`)] };
  const model = rng.chance(0.4) ? SMALL : MAIN;
  const history: Message[] = [{ role: 'user', parts: [text(prompt)] }];
  let session: string | undefined;
  let last: string | null = null;
  let now = at;
  const steps = rng.int(1, 3);
  for (let step = 0; ; step++) {
    const finish = step >= steps;
    const answer: Message = { role: 'assistant', parts: finish ? [text(paragraph(rng))] : [text(sentence(rng)), { type: 'tool-call', id: `toolu_${rng.hex(20)}`, name: 'Grep', arguments: { pattern: sentence(rng, 2), path: filePath(rng) } }] };
    const truth: Truth = session === undefined ? { sessionId: NEW_SESSION, parentId: null, kind: 'start', link } : { sessionId: session, parentId: last, kind: 'turn' };
    const sent = sim.send({ messages: [system, ...history], answer, model, api: 'anthropic-messages', provider: 'anthropic', tools: ['Bash', 'Read', 'Grep'], params: { max_tokens: 16000 }, hints }, truth, { at: now, advance: false });
    session ??= sent.firstId;
    last = sent.id;
    now = sent.end + rng.int(50, 400);
    history.push(answer);
    if (finish) {
      ends.push(now);
      return (answer.parts[0] as { text: string }).text;
    }
    const c = answer.parts[1] as { id: string };
    history.push({ role: 'user', parts: [{ type: 'tool-result', toolCallId: c.id, content: [text(output(rng))] }] });
  }
}
