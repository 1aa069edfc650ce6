// The bridge from a stored or live InteractionRecord to what reconstruction reads. Pure.

import type { InteractionRecord } from '../../../shared/interaction';
import type { ReconInteraction } from './recon-interaction';

/** Null for exchanges that are not conversations (unknown endpoints, embeddings without messages). */
export function toReconInteraction(record: InteractionRecord): ReconInteraction | null {
  const { exchange, parsed } = record;
  if (!parsed.request) return null;
  const finished = exchange.state !== 'pending' && exchange.state !== 'streaming';
  return {
    id: record.id,
    startedAt: exchange.startedAt,
    endedAt: finished ? exchange.endedAt : undefined,
    provider: parsed.provider,
    api: parsed.api,
    model: parsed.model,
    request: parsed.request,
    response: finished ? parsed.response : undefined,
    status: finished ? exchange.status : undefined,
    failed: finished ? exchange.state !== 'complete' : undefined,
    clientKey: `${exchange.requestHeaders['user-agent'] ?? ''}|${exchange.clientAddress ?? ''}`,
  };
}
