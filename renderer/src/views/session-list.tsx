// The session list: newest activity first, virtualized, pages fetched as they scroll into view, sub-agents and side
// calls nested under their session and collapsible. Rows can be picked for a combined export (checkbox, Ctrl/⌘-click,
// Shift-click for a range); a plain click opens the session.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SearchHit, SessionRow } from '../../../shared/api-contract';
import { formatAgo, formatCost, formatDuration, formatTokens, totalTokens } from '../format';
import type { ListData } from '../state/list-state';
import type { SessionSelection } from '../state/selection-state';

type Entry = { kind: 'row'; row: SessionRow; depth: number; hasChildren: boolean } | { kind: 'placeholder'; index: number };

export interface SessionListProps {
  data: ListData;
  selectedId?: string;
  /** Rows picked for export. */
  picked: SessionSelection;
  /** `order` is the ids as the list shows them, for a Shift-click range. */
  onPick(id: string, how: 'toggle' | 'range', order: string[]): void;
  onOpen(id: string): void;
  onNeedRange(start: number, end: number): void;
}

function flatten(data: ListData, expanded: Set<string>): Entry[] {
  const out: Entry[] = [];
  const visit = (row: SessionRow, depth: number) => {
    out.push({ kind: 'row', row, depth, hasChildren: row.children.length > 0 });
    if (expanded.has(row.id)) row.children.forEach((child) => visit(child, depth + 1));
  };
  for (let i = 0; i < data.total; i++) {
    const row = data.rows[i];
    if (row) visit(row, 0);
    else out.push({ kind: 'placeholder', index: i });
  }
  return out;
}

const RELATION_LABEL: Record<string, string> = { subagent: 'sub-agent', side: 'side call', continuation: 'continued' };

type RowProps = { entry: Extract<Entry, { kind: 'row' }>; selected: boolean; picked: boolean; expanded: boolean; hit?: SearchHit; onOpen(id: string): void; onToggle(id: string): void; onPick(id: string, how: 'toggle' | 'range'): void };

const Row = memo(function Row({ entry, selected, picked, expanded, hit, onOpen, onToggle, onPick }: RowProps) {
  const { row, depth } = entry;
  const subagents = row.children.filter((c) => c.relation === 'subagent').length;
  const sides = row.children.length - subagents;
  return (
    <div
      className={`session-row${selected ? ' selected' : ''}${picked ? ' picked' : ''}`}
      style={{ paddingLeft: 10 + depth * 18 }}
      data-testid="session-row"
      data-session-id={row.id}
      role="button"
      tabIndex={0}
      onClick={(e) => {
        if (e.shiftKey) onPick(row.id, 'range');
        else if (e.ctrlKey || e.metaKey) onPick(row.id, 'toggle');
        else onOpen(row.id);
      }}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(row.id)}
    >
      <div className="session-row-line">
        <input
          type="checkbox"
          className="pick-box"
          aria-label={`Pick ${row.title} for export`}
          checked={picked}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onPick(row.id, 'toggle')}
        />
        {entry.hasChildren ? (
          <button type="button" className="twisty" aria-label={expanded ? 'Collapse' : 'Expand'} onClick={(e) => (e.stopPropagation(), onToggle(row.id))}>
            {expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty-space" />
        )}
        {row.inFlight > 0 && <span className="live-dot" title="a call is in flight" data-testid="live-badge" />}
        {row.relation && <span className={`badge badge-${row.relation}`}>{RELATION_LABEL[row.relation]}</span>}
        <span className="session-title" elementtiming="session-row">
          {row.title}
        </span>
        <span className="session-ago">{formatAgo(row.lastActivityAt)}</span>
      </div>
      <div className="session-row-meta">
        <span>{row.providers.join(', ')}</span>
        <span className="models">{row.models.join(', ')}</span>
        <span>{row.turns} turn{row.turns === 1 ? '' : 's'}</span>
        <span>{formatTokens(totalTokens(row.usage))} tok</span>
        <span>{formatCost(row.costUsd)}</span>
        <span>{formatDuration(row.durationMs)}</span>
        {row.errors > 0 && <span className="error-text">{row.errors} failed</span>}
      </div>
      <div className="session-row-meta">
        {row.clients.length > 0 && <span className="client">{row.clients.join(', ')}</span>}
        {(subagents > 0 || sides > 0) && (
          <span className="muted">
            {subagents > 0 && `${subagents} sub-agent${subagents === 1 ? '' : 's'}`}
            {subagents > 0 && sides > 0 && ' · '}
            {sides > 0 && `${sides} side call${sides === 1 ? '' : 's'}`}
          </span>
        )}
      </div>
      {hit && <div className="search-snippet" data-testid="search-snippet">{hit.snippet}</div>}
    </div>
  );
});

export function SessionList({ data, selectedId, picked, onPick, onOpen, onNeedRange }: SessionListProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const entries = useMemo(() => flatten(data, expanded), [data, expanded]);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 78,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const missing = items.map((i) => entries[i.index]).filter((e): e is Extract<Entry, { kind: 'placeholder' }> => e?.kind === 'placeholder');
  const firstMissing = missing[0]?.index;
  const lastMissing = missing[missing.length - 1]?.index;
  useEffect(() => {
    if (firstMissing !== undefined && lastMissing !== undefined) onNeedRange(firstMissing, lastMissing);
  }, [firstMissing, lastMissing, onNeedRange]);
  const pick = useCallback((id: string, how: 'toggle' | 'range') => onPick(id, how, entries.flatMap((e) => (e.kind === 'row' ? [e.row.id] : []))), [entries, onPick]);
  const toggle = (id: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="session-list" ref={parentRef} data-testid="session-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              {entry.kind === 'row' ? (
                <Row
                  entry={entry}
                  selected={entry.row.id === selectedId}
                  picked={picked.ids.has(entry.row.id)}
                  expanded={expanded.has(entry.row.id)}
                  hit={entry.depth === 0 ? data.hits[entry.row.id] : undefined}
                  onOpen={onOpen}
                  onToggle={toggle}
                  onPick={pick}
                />
              ) : (
                <div className="session-row placeholder">Loading…</div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
