// Which interactions make up which session, worked out from the store's refs alone (ids, start times, placements'
// sessions and links), so choosing what to export never holds a body. Records are read one at a time afterwards.

import type { InteractionRecord } from '../../../shared/interaction';
import type { Placement } from '../../../shared/session';
import type { CaptureStore, InteractionRef } from '../store/capture-store';

/** What an export reads: a light listing, then one record at a time. */
export type RecordSource = Pick<CaptureStore, 'listInteractionRefs' | 'getInteraction'>;

export interface SessionPlan {
  id: string;
  link?: Placement['link'];
  /** In start order, then id. */
  refs: InteractionRef[];
  /** Side calls made for this session (wherever they are in the store), first first: a generated title's source. */
  sideCalls: SessionPlan[];
}

const byStart = (a: InteractionRef, b: InteractionRef) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

/** Sessions in the order of their first call (then id), each with its refs in start order. */
export function planSessions(refs: readonly InteractionRef[]): SessionPlan[] {
  const bySession = new Map<string, SessionPlan>();
  for (const ref of refs) {
    const id = ref.sessionId ?? ref.id;
    let plan = bySession.get(id);
    if (!plan) bySession.set(id, (plan = { id, refs: [], sideCalls: [] }));
    plan.refs.push(ref);
  }
  const plans = [...bySession.values()];
  for (const plan of plans) {
    plan.refs.sort(byStart);
    plan.link = plan.refs.find((r) => r.link)?.link;
  }
  plans.sort((a, b) => a.refs[0].startedAt - b.refs[0].startedAt || a.id.localeCompare(b.id));
  for (const plan of plans) {
    if (plan.link?.relation === 'side') bySession.get(plan.link.parentSessionId)?.sideCalls.push(plan);
  }
  return plans;
}

/** The records behind refs, read one at a time; a ref whose record is gone by now is skipped. */
export async function* loadRecords(source: RecordSource, refs: readonly InteractionRef[]): AsyncGenerator<InteractionRecord> {
  for (const ref of refs) {
    const record = await source.getInteraction(ref.id);
    if (record) yield record;
  }
}
