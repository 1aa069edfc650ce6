// Session reconstruction: pure, sans-IO. (index, interaction) -> placement.

export type { ReconInteraction, ResponseOutcome } from './recon-interaction';
export { isFailedOutcome } from './recon-interaction';
export type { SessionIndex, IndexCounters } from './session-index';
export { createSessionIndex } from './session-index';
export { placeInteraction } from './place-interaction';
export { placeAll, byStartOrder } from './place-all';
export { OrderedPlacement } from './ordered-placement';
export { canonicalizeOutput, normalizeText } from './canonical-units';
export type { Unit } from './canonical-units';
export { canonicalizeMessages } from './canonical-history';
export type { CanonicalConversation } from './canonical-history';
export { classifyHints } from './session-hints';
export type { ClientHints } from './session-hints';
export { describeCost } from './describe-cost';
