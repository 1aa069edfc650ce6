// Two turns' requests side by side as changes: messages added, removed, edited; system prompt and tools.
import { useEffect, useState } from 'react';
import type { InteractionDetail } from '../../../shared/api-contract';
import { messageText } from '../../../shared/message-fingerprint';
import { diffRequests, type MessageChange, type TurnDiff } from '../../../shared/turn-diff';
import { apiClient } from '../api/api-client';

function preview(change: MessageChange): string {
  const message = change.op === 'removed' ? change.before : change.after;
  const text = messageText(message);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text || '(no text)';
}

export function DiffList({ diff, showSame }: { diff: TurnDiff; showSame: boolean }) {
  return (
    <ol className="diff-list" data-testid="diff-list">
      {diff.messages
        .filter((c) => showSame || c.op !== 'same')
        .map((change, i) => (
          <li key={i} className={`diff-item diff-${change.op}`}>
            <span className="diff-op">{change.op}</span>
            <span className="role">{(change.op === 'removed' ? change.before : change.after).role}</span>
            {change.op === 'edited' ? (
              <div className="diff-edit">
                <pre className="diff-before">{messageText(change.before) || '(no text)'}</pre>
                <pre className="diff-after">{messageText(change.after) || '(no text)'}</pre>
              </div>
            ) : (
              <pre>{preview(change)}</pre>
            )}
          </li>
        ))}
    </ol>
  );
}

export function DiffSummary({ diff }: { diff: TurnDiff }) {
  const { tools, counts } = diff;
  return (
    <div className="diff-summary">
      <span className="chip chip-added">+{counts.added} added</span>
      <span className="chip chip-removed">−{counts.removed} removed</span>
      <span className="chip chip-edited">~{counts.edited} edited</span>
      <span className="chip">{counts.same} unchanged</span>
      <span className={`chip${diff.systemChanged ? ' chip-edited' : ''}`}>system {diff.systemChanged ? 'changed' : 'same'}</span>
      {tools.added.length > 0 && <span className="chip chip-added">tools +{tools.added.join(', ')}</span>}
      {tools.removed.length > 0 && <span className="chip chip-removed">tools −{tools.removed.join(', ')}</span>}
      {tools.changed.length > 0 && <span className="chip chip-edited">tools ~{tools.changed.join(', ')}</span>}
    </div>
  );
}

export function CompareView({ beforeId, afterId, onClose }: { beforeId: string; afterId: string; onClose(): void }) {
  const [pair, setPair] = useState<[InteractionDetail, InteractionDetail]>();
  const [error, setError] = useState<string>();
  const [showSame, setShowSame] = useState(false);
  useEffect(() => {
    Promise.all([apiClient.interaction(beforeId), apiClient.interaction(afterId)]).then(setPair, (e: Error) => setError(e.message));
  }, [beforeId, afterId]);
  const diff = pair
    ? diffRequests(
        { messages: pair[0].record.parsed.request?.messages ?? [], tools: pair[0].record.parsed.request?.tools },
        { messages: pair[1].record.parsed.request?.messages ?? [], tools: pair[1].record.parsed.request?.tools },
      )
    : undefined;
  return (
    <div className="overlay" role="dialog" aria-label="Compare two turns" onClick={onClose}>
      <div className="overlay-panel" onClick={(e) => e.stopPropagation()} data-testid="compare-view">
        <header className="inspector-head">
          <strong>What changed in the request</strong>
          <span className="spacer" />
          <label className="small">
            <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} /> show unchanged
          </label>
          <button type="button" className="ghost-button" onClick={onClose} aria-label="Close compare">
            ✕
          </button>
        </header>
        {error && <div className="error-box">{error}</div>}
        {!diff && !error && <div className="muted">Loading…</div>}
        {diff && (
          <>
            <DiffSummary diff={diff} />
            <DiffList diff={diff} showSame={showSame} />
          </>
        )}
      </div>
    </div>
  );
}
