// The harness every simulated client uses: it stamps ids and times, injects failed attempts followed by identical
// retries (as the official SDKs do on 408/409/429/5xx), and records the ground truth next to each interaction.

import type { Api, Message } from '../../shared/normalized';
import type { InteractionKind, Placement } from '../../shared/session';
import type { ReconInteraction } from '../../electron/core/sessions/recon-interaction';
import type { Rng } from './prng';

export interface Truth {
  sessionId: string;
  parentId: string | null;
  kind: InteractionKind;
  link?: Placement['link'];
}

export interface CorpusItem {
  interaction: ReconInteraction;
  truth: Truth;
  client: string;
}

export interface Call {
  messages: Message[];
  answer: Message;
  model: string;
  api: Api;
  provider: string;
  tools?: string[];
  params?: Record<string, unknown>;
  hints?: Record<string, string>;
  previousResponseId?: string;
  responseId?: string;
}

export interface Sent {
  /** The attempt that succeeded. */
  id: string;
  /** The first attempt: the session id when this call opened a session. */
  firstId: string;
  start: number;
  end: number;
}

/** Marks a call that opens a new session: its id becomes the session id. */
export const NEW_SESSION = '<new>';

export interface SendOptions {
  at?: number;
  latency?: number;
  /** Move the client's clock to the end of the call (default true). */
  advance?: boolean;
  retryable?: boolean;
}

export class ClientSim {
  now: number;
  private count = 0;

  constructor(
    readonly rng: Rng,
    readonly name: string,
    readonly clientKey: string,
    start: number,
    private readonly sink: CorpusItem[],
    private readonly retryRate = 0.05,
  ) {
    this.now = start;
  }

  pause(min: number, max: number): void {
    this.now += this.rng.int(min, max);
  }

  send(call: Call, truth: Truth, options: SendOptions = {}): Sent {
    let at = options.at ?? this.now;
    let firstId: string | undefined;
    const resolved = (id: string): Truth => ({ ...truth, sessionId: truth.sessionId === NEW_SESSION ? (firstId ?? id) : truth.sessionId });
    while (options.retryable !== false && this.rng.chance(this.retryRate)) {
      const id = this.nextId();
      const end = at + this.rng.int(80, 1500);
      const attemptTruth = firstId === undefined ? resolved(id) : { ...resolved(id), kind: 'retry' as const, link: undefined };
      firstId ??= id;
      // Most failures are error statuses; some are streams cut off mid-answer (status 200, no terminal event).
      this.emit(id, call, at, end, attemptTruth, this.rng.pick([429, 500, 503, 529, 200]), true);
      at = end + this.rng.int(300, 2500);
    }
    const id = this.nextId();
    const end = at + (options.latency ?? this.rng.int(700, 9000));
    const finalTruth = firstId === undefined ? resolved(id) : { ...resolved(id), kind: 'retry' as const, link: undefined };
    firstId ??= id;
    this.emit(id, call, at, end, finalTruth, 200);
    if (options.advance !== false) this.now = end;
    return { id, firstId, start: at, end };
  }

  private nextId(): string {
    this.count++;
    return `${this.name}-${String(this.count).padStart(4, '0')}`;
  }

  private emit(id: string, call: Call, start: number, end: number, truth: Truth, status: number, broken = false): void {
    const ok = status < 400;
    const cut: Message = { role: 'assistant', parts: call.answer.parts.filter((p) => p.type === 'text').map((p) => ({ ...p, text: (p as { text: string }).text.slice(0, 12) })) };
    const interaction: ReconInteraction = {
      id,
      startedAt: start,
      endedAt: end,
      provider: call.provider,
      api: call.api,
      model: call.model,
      clientKey: this.clientKey,
      status,
      request: {
        model: call.model,
        messages: call.messages,
        tools: call.tools?.map((name) => ({ name, schema: { type: 'object' } })),
        params: call.params ?? {},
        stream: true,
        previousResponseId: call.previousResponseId,
        sessionHints: call.hints ?? {},
      },
      response: ok && broken
        ? { model: call.model, outputs: [cut], usage: {}, streamed: true, incomplete: true }
        : ok
        ? { id: call.responseId, model: call.model, outputs: [call.answer], usage: {}, stopReason: 'end', streamed: true }
        : { outputs: [], usage: {}, error: { type: 'overloaded_error', message: `HTTP ${status}` }, streamed: false },
    };
    this.sink.push({ interaction, truth, client: this.name });
  }
}
