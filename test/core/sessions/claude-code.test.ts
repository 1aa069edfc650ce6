import { describe, expect, it } from 'vitest';
import { createSessionIndex, placeInteraction } from '../../../electron/core/sessions';
import type { Message } from '../../../shared/normalized';
import { assistant, call, exchange, result, system, text, thinking, user } from './factories';

const RUN = '3f1c2a9e-1111-4222-8333-444455556666';
const hints = { 'header:x-claude-code-session-id': RUN, 'body:metadata.user_id.session': RUN };
const sys = system("You are Claude Code, Anthropic's official CLI for Claude.", 'You are an interactive CLI tool.');
const tools = ['Agent', 'Bash', 'Read'];
const reminder = (n: number) => text(`<system-reminder>\nThe todo list changed (${n}).\n</system-reminder>`);

function cc(id: string, at: number, messages: Message[], answer: Message, extra: Partial<Parameters<typeof exchange>[0]> = {}) {
  return exchange({ id, at, messages: [sys, ...messages], answer, tools, hints, ...extra });
}

describe('Claude Code traffic', () => {
  it('keeps a tool loop and later turns together although reminders move and old thinking is omitted', () => {
    const index = createSessionIndex();
    const u1: Message = user(reminder(1), text('List the TODO comments in src.'));
    const a1 = assistant(thinking('I should grep.'), text('Searching.'), call('Bash', { command: 'grep -rn TODO src' }, 'toolu_1'));
    const r1 = user(result('toolu_1', 'src/a.ts:3: TODO fix'));
    const a2 = assistant(thinking('One hit.'), text('There is one TODO in src/a.ts.'));
    expect(placeInteraction(index, cc('t1', 0, [u1], a1)).kind).toBe('start');
    // Inside the loop thinking is sent back unchanged; reminders of the first message may be re-rendered.
    expect(placeInteraction(index, cc('t2', 2000, [user(reminder(2), text('List the TODO comments in src.')), a1, r1], a2))).toEqual({ sessionId: 't1', parentId: 't1', kind: 'turn' });
    // Next user turn: earlier thinking omitted, a new reminder block at the end of the new message.
    const stripped = (m: Message) => ({ ...m, parts: m.parts.filter((p) => p.type !== 'thinking') });
    const t3 = cc('t3', 9000, [u1, stripped(a1), r1, stripped(a2), user(text('Fix it.'), reminder(3))], assistant('Fixed.'));
    expect(placeInteraction(index, t3)).toEqual({ sessionId: 't1', parentId: 't2', kind: 'turn' });
  });

  it('links a sub-agent to the tool call whose prompt opened it, whatever the tool is called', () => {
    for (const name of ['Task', 'Agent', 'delegate_work']) {
      const index = createSessionIndex();
      const prompt = 'Find every caller of parseConfig in the repository and report file and line.';
      placeInteraction(index, cc('p', 0, [user('Refactor parseConfig.')], assistant(text('Delegating.'), call(name, { description: 'Find callers', prompt }, 'toolu_a'))));
      const sub = exchange({ id: 's', at: 3000, messages: [system('You are an agent for Claude Code.'), user(prompt)], answer: assistant('Found 3 callers.'), tools: ['Grep'], hints, model: 'claude-haiku-4-5' });
      expect(placeInteraction(index, sub)).toEqual({
        sessionId: 's',
        parentId: null,
        kind: 'start',
        link: { parentSessionId: 'p', relation: 'subagent', viaInteractionId: 'p', toolCallId: 'toolu_a' },
      });
    }
  });

  it('gives two parallel sub-agents with the same prompt one tool call each', () => {
    const index = createSessionIndex();
    const prompt = 'Summarize the open issues labelled bug in this repository.';
    placeInteraction(index, cc('p', 0, [user('Triage.')], assistant(call('Task', { prompt }, 'toolu_1'), call('Task', { prompt }, 'toolu_2'))));
    const sub = (id: string) => exchange({ id, at: 2000, messages: [system('Sub-agent.'), user(prompt)], answer: assistant(`${id} done`), tools: ['Grep'], hints });
    expect(placeInteraction(index, sub('s1')).link?.toolCallId).toBe('toolu_1');
    expect(placeInteraction(index, sub('s2')).link?.toolCallId).toBe('toolu_2');
  });

  it('links a sub-agent that started before its parent answer was registered', () => {
    const index = createSessionIndex();
    const prompt = 'Read package.json and list the scripts with what each one does.';
    const parent = cc('p', 0, [user('Explain the scripts.')], assistant(call('Agent', { prompt }, 'toolu_x')));
    placeInteraction(index, { ...parent, response: undefined, status: undefined });
    expect(placeInteraction(index, exchange({ id: 's', at: 1500, messages: [system('Sub-agent.'), user(prompt)], answer: assistant('ok'), tools: ['Read'], hints })).link).toBeUndefined();
    index.registerResponse('p', parent.response, { status: 200, endedAt: 1400 });
    expect(index.getPlacement('s')?.link).toEqual({ parentSessionId: 'p', relation: 'subagent', viaInteractionId: 'p', toolCallId: 'toolu_x' });
    expect(index.takeRevisions().map((r) => r.id)).toEqual(['s']);
  });

  it('attaches side calls to the session they serve, including a quota probe sent before it existed', () => {
    const index = createSessionIndex();
    const side = (id: string, at: number, userText: string, params = { max_tokens: 512 }) =>
      exchange({ id, at, messages: [system('Analyze if this message indicates a new conversation topic.'), user(userText)], answer: assistant('{"isNewTopic": true}'), model: 'claude-haiku-4-5-20251001', hints, params });
    expect(placeInteraction(index, side('probe', 0, 'quota', { max_tokens: 1 }))).toEqual({ sessionId: 'probe', parentId: null, kind: 'side' });
    expect(placeInteraction(index, side('spin', 800, 'Fix the fla'))).toEqual({ sessionId: 'spin', parentId: null, kind: 'side' });
    placeInteraction(index, cc('main', 2000, [user('Fix the flaky test.')], assistant('On it.')));
    expect(index.getPlacement('probe')?.link).toEqual({ parentSessionId: 'main', relation: 'side', viaInteractionId: 'main' });
    expect(index.getPlacement('spin')?.link?.parentSessionId).toBe('main');
    expect(placeInteraction(index, side('topic', 2010, 'Fix the flaky test.'))).toEqual({
      sessionId: 'topic',
      parentId: null,
      kind: 'side',
      link: { parentSessionId: 'main', relation: 'side', viaInteractionId: 'main' },
    });
  });

  it('keeps sub-agents and side calls of one run apart although they share the run id', () => {
    const index = createSessionIndex();
    const prompt = 'List the migrations that touch the users table, newest first.';
    placeInteraction(index, cc('p', 0, [user('Check migrations.')], assistant(call('Agent', { prompt }, 'toolu_m'))));
    const sub = placeInteraction(index, exchange({ id: 's', at: 1000, messages: [system('Sub-agent.'), user(prompt)], answer: assistant('Two.'), tools: ['Read'], hints }));
    expect(sub.sessionId).toBe('s');
  });

  it('treats /compact as a compaction and the summary-carrying new conversation as its continuation', () => {
    const index = createSessionIndex();
    const u1 = user('Port the CLI to commander.');
    const a1 = assistant('Ported the parser and the help output.');
    placeInteraction(index, cc('t1', 0, [u1], a1));
    const summary = '<summary>\n## Primary Request\n- Port the CLI from yargs to commander without changing flags.\n## Current State\n- Parser and help output are ported, tests still use the old API.\n</summary>';
    const compact = exchange({ id: 'c', at: 5000, messages: [system('You are a helpful AI assistant tasked with summarizing conversations.'), u1, a1, user('Your task is to create a detailed summary of the conversation so far.')], answer: assistant(summary), hints });
    expect(placeInteraction(index, compact)).toEqual({ sessionId: 't1', parentId: 't1', kind: 'compaction' });
    const resumed = cc('n', 9000, [user(reminder(9), text(`This session is being continued from a previous conversation that ran out of context. Summary:\n${summary}\nPlease continue.`))], assistant('Continuing.'));
    expect(placeInteraction(index, resumed)).toEqual({
      sessionId: 'n',
      parentId: null,
      kind: 'start',
      link: { parentSessionId: 't1', relation: 'continuation', viaInteractionId: 'c' },
    });
  });
});

describe('false sub-agent links', () => {
  it('does not take a tool argument from another client for the prompt of a new conversation', () => {
    const index = createSessionIndex();
    const question = 'What is the tallest building in Europe right now?';
    placeInteraction(index, exchange({ id: 'agent', at: 0, messages: [user('Research skyscrapers.')], answer: assistant(call('web_search', { query: question }, 'call_q')), tools: ['web_search'], client: 'agent|10.0.0.5' }));
    expect(placeInteraction(index, exchange({ id: 'person', at: 3000, messages: [user(question)], answer: assistant('Lakhta Center.'), client: 'chat|10.0.0.6' }))).toEqual({ sessionId: 'person', parentId: null, kind: 'start' });
  });
});
