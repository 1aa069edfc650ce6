// Placement for a stream of interactions handed over in start order, replayed as a live proxy would have seen them:
// each request is placed when it starts and its answer becomes known when it ended. This is placeAll's replay made
// incremental, so an import or a restart holds only the answers still in flight instead of every interaction.

import type { Placement } from '../../../shared/session';
import { placeInteraction } from './place-interaction';
import type { ReconInteraction } from './recon-interaction';
import type { SessionIndex } from './session-index';
import type { NormalizedResponse } from '../../../shared/normalized';
import { MinHeap } from './min-heap';

interface PendingEnd {
  at: number;
  /** 0 = ended after it started (seen by requests starting at that instant), 2 = ended the instant it started. */
  phase: 0 | 2;
  startedAt: number;
  id: string;
  response?: NormalizedResponse;
  status?: number;
  failed?: boolean;
  endedAt?: number;
}

const before = (a: PendingEnd, b: PendingEnd) =>
  a.at - b.at || a.phase - b.phase || a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class OrderedPlacement {
  private readonly ends = new MinHeap<PendingEnd>(before);
  private last: { startedAt: number; id: string } | undefined;

  constructor(private readonly index: SessionIndex) {}

  /** `start` for a store's own order, which comes from SQLite's text comparison: should an id ever sort differently
   * in JavaScript, that one interaction is placed at once, with its answer, instead of failing the whole replay. */
  startFromStore(x: ReconInteraction): void {
    if (this.accepts(x)) this.start(x);
    else if (!this.index.getPlacement(x.id)) placeInteraction(this.index, x);
  }

  private accepts(x: ReconInteraction): boolean {
    return !this.last || x.startedAt > this.last.startedAt || (x.startedAt === this.last.startedAt && x.id > this.last.id);
  }

  /** Places the request of `x`; calls must come in (startedAt, id) order. Returns its placement at that moment. */
  start(x: ReconInteraction): Placement {
    if (!this.accepts(x)) throw new Error(`interactions must be placed in start order: ${x.id} came after ${this.last!.id}`);
    this.last = { startedAt: x.startedAt, id: x.id };
    this.registerEnds((end) => end.at < x.startedAt || (end.at === x.startedAt && end.phase === 0));
    placeInteraction(this.index, { ...x, response: undefined, status: undefined, failed: undefined, endedAt: undefined });
    const at = Math.max(x.endedAt ?? x.startedAt, x.startedAt);
    this.ends.push({
      at,
      phase: at === x.startedAt ? 2 : 0,
      startedAt: x.startedAt,
      id: x.id,
      response: x.response,
      status: x.status,
      failed: x.failed,
      endedAt: x.endedAt,
    });
    return this.index.getPlacement(x.id)!;
  }

  /** Every answer still pending becomes known: call once after the last start. */
  finish(): void {
    this.registerEnds(() => true);
  }

  /** Answers waiting for their end instant; bounded by how many calls overlap in time, not by the file. */
  get inFlight(): number {
    return this.ends.size;
  }

  private registerEnds(due: (end: PendingEnd) => boolean): void {
    for (let end = this.ends.peek(); end && due(end); end = this.ends.peek()) {
      this.ends.pop();
      this.index.registerResponse(end.id, end.response, { status: end.status, failed: end.failed, endedAt: end.endedAt });
    }
  }
}
