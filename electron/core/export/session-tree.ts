// Sessions nested under the session they hang off (sub-agent, side call, continuation after compaction).

import type { SessionGroup, SessionHeader } from './session-groups';

export type SessionNode = SessionHeader & { interactionCount: number; children: SessionNode[] };

export function sessionTree(groups: SessionGroup[]): SessionNode[] {
  const nodes = new Map<string, SessionNode>();
  for (const { header, refs } of groups) {
    nodes.set(header.id, { ...header, interactionCount: refs.length, children: [] });
  }
  const roots: SessionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSessionId ? nodes.get(node.parentSessionId) : undefined;
    // A link to a session outside this set leaves the node at the top.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  // Sessions caught in a cycle of links are reachable from no root: show them at the top rather than lose them.
  const reached = new Set<SessionNode>();
  const visit = (node: SessionNode) => {
    if (reached.has(node)) return;
    reached.add(node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  for (const node of nodes.values()) {
    if (!reached.has(node)) {
      roots.push(node);
      visit(node);
    }
  }
  return roots;
}
