// One turn: what is new in its request, the answer (growing while it streams), and its numbers.
import { memo } from 'react';
import type { TurnView } from '../../../shared/api-contract';
import { formatClock, formatCost, formatDuration, formatTokens } from '../format';
import { MarkdownText } from './markdown-text';
import { MessageView } from './message-view';

const KIND_LABEL: Partial<Record<TurnView['kind'], string>> = {
  retry: 'retry',
  branch: 'branch',
  compaction: 'compaction',
  side: 'side call',
  start: 'start',
};

export interface TurnCardProps {
  turn: TurnView;
  index: number;
  selected: boolean;
  onSelect(): void;
  onInspect(): void;
  onCompare?: () => void;
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <span className="stat" title={title}>
      <span className="stat-label">{label}</span> {value}
    </span>
  );
}

export const TurnCard = memo(function TurnCard({ turn, index, selected, onSelect, onInspect, onCompare }: TurnCardProps) {
  const live = turn.state === 'pending' || turn.state === 'streaming';
  const failed = turn.state === 'error' || turn.state === 'aborted' || (turn.status ?? 0) >= 400;
  const latency = turn.endedAt !== undefined ? turn.endedAt - turn.startedAt : undefined;
  const ttft = turn.firstByteAt !== undefined ? turn.firstByteAt - turn.startedAt : undefined;
  const kind = KIND_LABEL[turn.kind];
  return (
    <article className={`turn-card${selected ? ' selected' : ''}${failed ? ' failed' : ''}`} data-turn-id={turn.id} data-testid="turn-card" onClick={onSelect}>
      <header className="turn-head">
        <span className="turn-index" elementtiming="turn-card">
          #{index + 1}
        </span>
        {kind && <span className={`badge badge-${turn.kind}`}>{kind}</span>}
        {live && <span className="badge badge-live">● streaming</span>}
        {failed && <span className="badge badge-error">{turn.state === 'aborted' ? 'aborted' : turn.error?.code ?? `HTTP ${turn.status}`}</span>}
        <span className="turn-model">{turn.model ?? turn.endpoint}</span>
        <span className="muted small">{formatClock(turn.startedAt)}</span>
        <span className="spacer" />
        <button type="button" className="ghost-button" onClick={(e) => (e.stopPropagation(), onInspect())}>
          Inspect
        </button>
        {onCompare && (
          <button type="button" className="ghost-button" onClick={(e) => (e.stopPropagation(), onCompare())}>
            Compare with previous
          </button>
        )}
      </header>
      <div className="turn-stats">
        <Stat label="latency" value={formatDuration(latency)} />
        <Stat label="TTFT" value={formatDuration(ttft)} title="time to first byte of the response" />
        <Stat label="in" value={formatTokens(turn.usage.inputTokens)} />
        <Stat label="cached" value={formatTokens(turn.usage.cacheReadTokens)} />
        <Stat label="out" value={formatTokens(turn.usage.outputTokens)} />
        <Stat label="cost" value={formatCost(turn.cost?.usd)} title={turn.cost ? `Price from ${turn.cost.source}` : 'No price known for this model'} />
        {turn.rawStopReason && <Stat label="stop" value={turn.rawStopReason} />}
        <span className="muted small">{turn.client}</span>
      </div>
      <section className="turn-request" aria-label="New in this request">
        {turn.kind === 'retry' && <div className="muted small">Same request as before, sent again.</div>}
        {turn.newFrom > 0 && turn.newMessages.length > 0 && (
          <div className="muted small history-note">
            {turn.newFrom} earlier message{turn.newFrom === 1 ? '' : 's'} not repeated
          </div>
        )}
        {turn.newMessages.map((m, i) => (
          <MessageView key={i} message={m} />
        ))}
      </section>
      <section className="turn-response" aria-label="Response">
        {turn.outputs.length > 0
          ? turn.outputs.map((m, i) => <MessageView key={i} message={m} />)
          : live && (
              <div className="message message-assistant streaming" data-testid="streaming-text">
                <div className="role">assistant</div>
                <div className="message-body">
                  <MarkdownText text={turn.streamedText || '…'} />
                </div>
              </div>
            )}
        {turn.responseError && <div className="error-box">{turn.responseError.message}</div>}
        {turn.error && <div className="error-box">{turn.error.message}</div>}
        {turn.notes.length > 0 && <div className="muted small">{turn.notes.join(' · ')}</div>}
      </section>
    </article>
  );
});
