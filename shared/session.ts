// Reconstruction results: where an interaction sits in its session, and how sessions link to each other.

import type { Usage } from './normalized';

export type InteractionKind = 'start' | 'turn' | 'retry' | 'branch' | 'compaction' | 'side' | 'standalone';

export type SessionRelation = 'subagent' | 'side' | 'continuation';

export interface Placement {
  sessionId: string;
  /** The interaction this one continues; null for the first of a session. */
  parentId: string | null;
  kind: InteractionKind;
  /** Set when this interaction opens a session that hangs off another one. */
  link?: {
    parentSessionId: string;
    relation: SessionRelation;
    /** The interaction in the parent session that caused it (the tool call of a sub-agent, the turn a side call serves). */
    viaInteractionId?: string;
    toolCallId?: string;
  };
}

export interface SessionSummary {
  id: string;
  title: string;
  parentSessionId: string | null;
  relation: SessionRelation | null;
  startedAt: number;
  endedAt: number;
  interactionCount: number;
  models: string[];
  providers: string[];
  clients: string[];
  usage: Usage;
  inFlight: number;
}
