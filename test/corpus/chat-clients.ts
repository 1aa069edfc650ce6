// Chat Completions scripts: a plain history-resending script with echo quirks, regenerations and edited messages;
// two people asking the same first question; an app that names its session with helicone-session-id; SWE-agent
// eliding old tool output.

import type { Message, Part } from '../../shared/normalized';
import { ClientSim, NEW_SESSION, type Call } from './client-sim';
import { command, output, paragraph, sentence, task } from './text-factory';

const text = (value: string): Part => ({ type: 'text', text: value });
const chat = (messages: Message[], answer: Message, extra: Partial<Call> = {}): Call => ({
  messages, answer, model: 'gpt-4.1', api: 'openai-chat', provider: 'openai', params: { temperature: 0.7 }, ...extra,
});

/** Echo quirks of chat clients: null content sent back as "", re-serialized arguments, dropped annotations. */
function echo(answer: Message, insertEmpty: boolean): Message[] {
  const parts: Part[] = answer.parts.flatMap((p): Part[] => {
    if (p.type === 'other') return [];
    if (p.type === 'tool-call') return [{ ...p, arguments: JSON.stringify(p.arguments, null, 1) }];
    return [p];
  });
  if (!parts.some((p) => p.type === 'text')) parts.unshift(text(''));
  const echoed: Message = { role: 'assistant', parts };
  return insertEmpty ? [echoed, { role: 'assistant', parts: [] }] : [echoed];
}

export function simulateChatScript(sim: ClientSim): void {
  const rng = sim.rng;
  const system: Message = { role: 'system', parts: [text(`You are a helpful assistant for ${rng.hex(6)}.`)] };
  let history: Message[] = [];
  let session = NEW_SESSION;
  let last: string | null = null;
  let lastPrefix: Message[] = [];
  let lastParent: string | null = null;
  const turns = rng.int(2, 6);
  for (let turn = 0; turn < turns; turn++) {
    const question: Message = { role: 'user', parts: [text(`${sentence(rng)}?`)] };
    const useTool = rng.chance(0.3);
    const answer: Message = useTool
      ? { role: 'assistant', parts: [{ type: 'tool-call', id: `call_${rng.hex(12)}`, name: 'lookup', arguments: { query: sentence(rng, 4), limit: 3 } }] }
      : { role: 'assistant', parts: [text(paragraph(rng)), { type: 'other', kind: 'annotations', raw: [] }] };
    const prefix = [...history, question];
    const kind = session === NEW_SESSION ? 'start' : 'turn';
    const sent = sim.send(chat([system, ...prefix], answer), { sessionId: session, parentId: last, kind });
    if (session === NEW_SESSION) session = sent.firstId;
    let parentOfThis = last;
    last = sent.id;
    let final = answer;
    sim.pause(1000, 20_000);
    if (turn > 0 && !useTool && rng.chance(0.2)) {
      // Regenerate: the identical request again after a success.
      final = { role: 'assistant', parts: [text(paragraph(rng))] };
      const again = sim.send(chat([system, ...prefix], final), { sessionId: session, parentId: parentOfThis, kind: 'branch' }, { retryable: false });
      last = again.id;
      sim.pause(1000, 10_000);
    } else if (turn > 0 && !useTool && rng.chance(0.15)) {
      // Edit the question: the history diverges after the previous answer.
      const edited: Message = { role: 'user', parts: [text(`${sentence(rng)}?`)] };
      final = { role: 'assistant', parts: [text(paragraph(rng))] };
      const branch = sim.send(chat([system, ...lastPrefix, edited], final), { sessionId: session, parentId: lastParent, kind: 'branch' }, { retryable: false });
      prefix.splice(prefix.length - 1, 1, edited);
      last = branch.id;
      parentOfThis = lastParent;
      sim.pause(1000, 10_000);
    }
    void parentOfThis;
    history = [...prefix, ...echo(final, rng.chance(0.2))];
    if (useTool) {
      const c = final.parts[0] as { id: string };
      history.push({ role: 'tool', parts: [{ type: 'tool-result', toolCallId: c.id, content: [text(output(rng, 2))] }] });
      const summaryAnswer: Message = { role: 'assistant', parts: [text(paragraph(rng))] };
      const follow = sim.send(chat([system, ...history], summaryAnswer), { sessionId: session, parentId: last, kind: 'turn' });
      last = follow.id;
      history.push(...echo(summaryAnswer, false));
      sim.pause(1000, 10_000);
    }
    lastPrefix = history;
    lastParent = last;
  }
}

/** Two people send the same first exchange, get the same answer, and then go their own ways. */
export function simulateSameFirstQuestion(a: ClientSim, b: ClientSim): void {
  const system: Message = { role: 'system', parts: [text('You are a helpful assistant.')] };
  const q: Message = { role: 'user', parts: [text('What is the capital of France?')] };
  const paris: Message = { role: 'assistant', parts: [text('The capital of France is Paris.')] };
  for (const [sim, followUps] of [[a, ['What is its population?', 'And its area?']], [b, ['Which river runs through it?', 'How long is that river?']]] as const) {
    const first = sim.send(chat([system, q], paris, { model: 'gpt-4o' }), { sessionId: NEW_SESSION, parentId: null, kind: 'start' });
    let history: Message[] = [q, paris];
    let last = first.id;
    for (const question of followUps) {
      sim.pause(2000, 15_000);
      const answer: Message = { role: 'assistant', parts: [text(sentence(sim.rng))] };
      history = [...history, { role: 'user', parts: [text(question)] }];
      const sent = sim.send(chat([system, ...history], answer, { model: 'gpt-4o' }), { sessionId: first.firstId, parentId: last, kind: 'turn' });
      history.push(answer);
      last = sent.id;
    }
  }
}

/** Each call is one-shot, but the app names its session: the id wins over content. */
export function simulateHintedApp(sim: ClientSim): void {
  const rng = sim.rng;
  const hints = { 'header:helicone-session-id': `sess-${rng.hex(10)}` };
  let session = NEW_SESSION;
  let last: string | null = null;
  for (let i = 0; i < rng.int(3, 6); i++) {
    const messages: Message[] = [{ role: 'system', parts: [text('Classify the ticket.')] }, { role: 'user', parts: [text(task(rng))] }];
    const sent = sim.send(chat(messages, { role: 'assistant', parts: [text(sentence(rng))] }, { hints }), { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    sim.pause(500, 8000);
  }
}

/** SWE-agent: function calling, and observations older than the last few replaced by a stub. */
export function simulateSweAgent(sim: ClientSim): void {
  const rng = sim.rng;
  const system: Message = { role: 'system', parts: [text("SETTING: You are an autonomous programmer, and you're working directly in the command line with a special interface.")] };
  const issue: Message = { role: 'user', parts: [text(`We're currently solving the following issue within our repository. ISSUE:\n${paragraph(rng)}`)] };
  const steps: Array<{ action: Message; observation: string; callId: string }> = [];
  let session = NEW_SESSION;
  let last: string | null = null;
  const total = rng.int(4, 9);
  for (let i = 0; i <= total; i++) {
    const history: Message[] = [issue];
    steps.forEach((step, j) => {
      history.push(step.action);
      const elided = j < steps.length - 3;
      const content = elided ? `Old environment output: (${step.observation.split('\n').length} lines omitted)` : step.observation;
      history.push({ role: 'tool', parts: [{ type: 'tool-result', toolCallId: step.callId, content: [text(content)] }] });
    });
    const callId = `call_${rng.hex(16)}`;
    const action: Message = { role: 'assistant', parts: [text(sentence(rng)), { type: 'tool-call', id: callId, name: i === total ? 'submit' : 'bash', arguments: i === total ? {} : { command: command(rng) } }] };
    const sent = sim.send(chat([system, ...history], action, { model: 'gpt-4o', tools: ['bash', 'submit'] }), { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    steps.push({ action, observation: output(rng, rng.int(3, 12)), callId });
    sim.pause(200, 3000);
  }
}

/** The same script run twice from one machine: identical first exchange, then a different follow-up. */
export function simulateRepeatedScript(sim: ClientSim): void {
  const system: Message = { role: 'system', parts: [text('You are a terse assistant.')] };
  const q: Message = { role: 'user', parts: [text('What is the capital of France?')] };
  const paris: Message = { role: 'assistant', parts: [text('The capital of France is Paris.')] };
  for (let run = 0; run < 2; run++) {
    const first = sim.send(chat([system, q], paris, { params: { temperature: 0 } }), { sessionId: NEW_SESSION, parentId: null, kind: 'start' });
    sim.pause(500, 3000);
    const follow: Message = { role: 'user', parts: [text(`${sentence(sim.rng)}?`)] };
    sim.send(chat([system, q, paris, follow], { role: 'assistant', parts: [text(sentence(sim.rng))] }, { params: { temperature: 0 } }), { sessionId: first.firstId, parentId: first.id, kind: 'turn' });
    sim.pause(30_000, 90_000);
  }
}
