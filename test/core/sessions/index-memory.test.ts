// Heap held by the session index per interaction, counted in bytes after a full collection (never timed). A `serve`
// process keeps one index entry per stored interaction for its whole life; 100,000 interactions must fit with room
// to spare (issue #6).

import { describe, expect, it } from 'vitest';
import { createSessionIndex, placeInteraction, type ReconInteraction } from '../../../electron/core/sessions';
import { HistoryCache } from '../../../electron/core/sessions/history-cache';
import type { Message } from '../../../shared/normalized';
import { exposedGc } from '../../helpers/gc';

const gc = exposedGc();

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const ANSWER = 'The capital of France is Paris. '.repeat(8);
const EPOCH = 1_767_225_600_000;
let serial = 0;

/** A fresh uuid-like string, as a record id read from the store would be. */
function freshId(): string {
  serial++;
  return JSON.parse(`"${(0x10000000 + serial).toString(16)}-4a1b-4c2d-8e3f-${(0x100000000000 + serial).toString(16)}"`);
}

/** A unique one-off call like the volume benchmark's (`bench/serve-load.ts`), placed the way `serve` does. */
function placeOneOff(index: ReturnType<typeof createSessionIndex>, n: number, model: string): void {
  const id = freshId();
  const at = EPOCH + n * 10;
  placeInteraction(index, {
    id,
    startedAt: at,
    provider: 'openai',
    api: 'openai-chat',
    model,
    request: { model, messages: [{ role: 'user', parts: [{ type: 'text', text: `Question ${n}: what is ${n} + 1?` }] }], params: {}, stream: false, sessionHints: {} },
    // Built per request, as `toReconInteraction` does.
    clientKey: `${['', '127.0.0.1'].join('|')}`,
  });
  // The answer arrives with another copy of the record, so another copy of its id.
  index.registerResponse(JSON.parse(JSON.stringify(id)), {
    id: 'chatcmpl-bench',
    outputs: [{ role: 'assistant', parts: [{ type: 'text', text: ANSWER }] }],
    usage: {},
    stopReason: 'end',
    streamed: false,
  }, { status: 200, endedAt: at + 5 });
}

function bytesPerOneOff(count: number, model: string): number {
  const index = createSessionIndex();
  for (let n = 0; n < 100; n++) placeOneOff(index, -1 - n, model);
  const before = heapUsed();
  for (let n = 0; n < count; n++) placeOneOff(index, n, model);
  const after = heapUsed();
  expect(index.counters.placed).toBe(count + 100);
  return (after - before) / count;
}

function bytesPerTurn(turns: number): number {
  const messages: Message[] = [];
  for (let i = 0; i < turns; i++) {
    messages.push({ role: 'user', parts: [{ type: 'text', text: `step ${i}: run check number ${i}` }] });
    messages.push({ role: 'assistant', parts: [{ type: 'text', text: `check ${i} passed` }] });
  }
  const index = createSessionIndex();
  const interaction = (t: number): ReconInteraction => ({
    id: freshId(),
    startedAt: EPOCH + t * 1000,
    endedAt: EPOCH + t * 1000 + 500,
    provider: 'anthropic',
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    request: { model: 'claude-sonnet-4-5', messages: messages.slice(0, 2 * t + 1), params: { max_tokens: 4096 }, stream: true, sessionHints: {} },
    response: { outputs: [messages[2 * t + 1]], usage: {}, stopReason: 'end', streamed: true },
    status: 200,
    clientKey: `claude-cli/2.0.14|${'127.0.0.1'}`,
  });
  const before = heapUsed();
  for (let t = 0; t < turns; t++) placeInteraction(index, interaction(t));
  // The history cache holds the latest requests of 8 sessions, not something per interaction.
  index.state.histories = new HistoryCache();
  const after = heapUsed();
  expect(index.getPlacement([...index.state.entries.keys()].at(-1)!)?.kind).toBe('turn');
  return (after - before) / turns;
}

describe('memory of the session index', () => {
  it('holds a one-off call in a few hundred bytes', () => {
    const sideCalls = bytesPerOneOff(5_000, 'gpt-4o-mini');
    const starts = bytesPerOneOff(5_000, 'gpt-4o');
    console.log(`session index: ${sideCalls.toFixed(0)} B per one-off side call, ${starts.toFixed(0)} B per one-off start`);
    // Before issue #6: ~1,150 and ~1,340 bytes.
    expect(sideCalls).toBeLessThan(650);
    expect(starts).toBeLessThan(800);
  });

  it('holds a turn of a long session in a few hundred bytes', () => {
    const perTurn = bytesPerTurn(2_000);
    console.log(`session index: ${perTurn.toFixed(0)} B per turn of a 2,000-turn session`);
    // Before issue #6: ~1,000 bytes.
    expect(perTurn).toBeLessThan(700);
  });
});
