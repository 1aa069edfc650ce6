// Sessions picked in the list for a combined export: a checkbox or Ctrl/⌘-click toggles one, Shift-click adds the
// run from the last toggled row to this one, in the order the list shows them. Kept apart from the open session, so
// picking rows never navigates and opening a row never changes the pick.

export interface SessionSelection {
  ids: ReadonlySet<string>;
  /** The row a Shift-click range starts from: the last one toggled. */
  anchor?: string;
}

export const NO_SELECTION: SessionSelection = { ids: new Set() };

export function toggleSession(selection: SessionSelection, id: string): SessionSelection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Adds every row between the anchor and `id` (both included); without an anchor in view, toggles `id` alone. */
export function selectRange(selection: SessionSelection, id: string, order: readonly string[]): SessionSelection {
  const from = selection.anchor === undefined ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleSession(selection, id);
  const ids = new Set(selection.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) ids.add(order[i]);
  return { ids, anchor: selection.anchor };
}
