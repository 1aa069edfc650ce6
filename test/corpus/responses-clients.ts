// OpenAI Responses clients: Codex replays the whole input every turn (ids and status dropped, reasoning kept as
// encrypted content, items split into one message each), other clients chain with previous_response_id and send
// only the new items.

import type { Message, Part } from '../../shared/normalized';
import { ClientSim, NEW_SESSION, type Call } from './client-sim';
import { command, output, paragraph, sentence, task } from './text-factory';

const text = (value: string): Part => ({ type: 'text', text: value });

export function simulateCodex(sim: ClientSim): void {
  const rng = sim.rng;
  const hints = { 'header:session_id': rng.uuid() };
  const instructions: Message = { role: 'system', parts: [text(`You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI (${rng.hex(4)}).`)] };
  const input: Message[] = [{ role: 'user', parts: [text(`<environment_context>\n  <cwd>/home/dev/${rng.hex(6)}</cwd>\n</environment_context>`)] }];
  const call = (answer: Message): Call => ({
    messages: [instructions, ...input], answer, model: 'gpt-5-codex', api: 'openai-responses', provider: 'openai',
    tools: ['shell', 'apply_patch', 'update_plan'], params: { reasoning: { effort: 'medium' }, store: false }, hints,
  });
  let session = NEW_SESSION;
  let last: string | null = null;
  for (let turn = 0; turn < rng.int(1, 3); turn++) {
    input.push({ role: 'user', parts: [text(task(rng))] });
    for (let step = 0; ; step++) {
      const finish = step >= rng.int(1, 4);
      const reasoning: Part = { type: 'thinking', text: '', encrypted: `gAAAA${rng.hex(40)}` };
      const answer: Message = finish
        ? { role: 'assistant', parts: [reasoning, text(paragraph(rng))] }
        : { role: 'assistant', parts: [reasoning, { type: 'tool-call', id: `call_${rng.hex(16)}`, name: 'shell', arguments: { command: ['bash', '-lc', command(rng)], timeout_ms: 120000 } }] };
      const sent = sim.send(call(answer), { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' });
      if (session === NEW_SESSION) session = sent.firstId;
      last = sent.id;
      // Replayed as separate items, arguments as a JSON string.
      for (const part of answer.parts) {
        input.push({ role: 'assistant', parts: [part.type === 'tool-call' ? { ...part, arguments: JSON.stringify(part.arguments) } : part] });
      }
      if (finish) break;
      const c = answer.parts[1] as { id: string };
      input.push({ role: 'tool', parts: [{ type: 'tool-result', toolCallId: c.id, content: [text(output(rng))] }] });
      sim.pause(100, 2000);
    }
    sim.pause(5000, 40_000);
  }
}

export function simulateResponsesChain(sim: ClientSim): void {
  const rng = sim.rng;
  let session = NEW_SESSION;
  let last: string | null = null;
  let previous: string | undefined;
  for (let turn = 0; turn < rng.int(2, 5); turn++) {
    const responseId = `resp_${rng.hex(24)}`;
    const messages: Message[] = [
      ...(previous ? [] : [{ role: 'system' as const, parts: [text('You answer questions about the docs.')] }]),
      { role: 'user', parts: [text(`${sentence(rng)}?`)] },
    ];
    const answer: Message = { role: 'assistant', parts: [text(paragraph(rng))] };
    const sent = sim.send(
      { messages, answer, model: 'gpt-4.1', api: 'openai-responses', provider: 'openai', params: {}, previousResponseId: previous, responseId },
      { sessionId: session, parentId: last, kind: last ? 'turn' : 'start' },
    );
    if (session === NEW_SESSION) session = sent.firstId;
    last = sent.id;
    previous = responseId;
    sim.pause(2000, 20_000);
  }
}
