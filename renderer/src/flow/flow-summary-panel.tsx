// The numbers beside the waterfall: counts, tools, tokens and cost per model and lane, cache hits, the slowest
// calls (click to open), and the context growth of the main conversation as a sparkline.
import type { FlowSummary } from '../../../shared/flow-summary';
import { formatCost, formatDuration, formatTokens } from '../format';

function ContextChart({ points }: { points: FlowSummary['contextGrowth'] }) {
  if (points.length < 2) return <p className="muted small">Not enough turns to chart yet.</p>;
  const w = 240;
  const h = 56;
  const max = Math.max(...points.map((p) => p.inputTokens));
  const xy = points.map((p, i) => [(i / (points.length - 1)) * w, h - 2 - (p.inputTokens / max) * (h - 6)] as const);
  const line = xy.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  return (
    <svg className="flow-spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} data-testid="context-chart" data-points={points.length} role="img" aria-label={`Input tokens per turn, up to ${max}`}>
      <path d={`${line}L${w},${h}L0,${h}Z`} className="flow-spark-area" />
      <path d={line} className="flow-spark-line" />
      <text x={w - 2} y={10} textAnchor="end" className="flow-spark-label">
        {formatTokens(max)}
      </text>
    </svg>
  );
}

const tokensOf = (t: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number }) =>
  `${formatTokens(t.inputTokens + t.cacheReadTokens + t.cacheWriteTokens)} in · ${formatTokens(t.outputTokens)} out`;

export function FlowSummaryPanel({ summary, onOpen }: { summary: FlowSummary; onOpen(sessionId: string, id: string): void }) {
  return (
    <aside className="flow-summary" data-testid="flow-summary">
      <div className="flow-stats">
        <div><b data-testid="flow-turns">{summary.turns}</b><span>turns</span></div>
        <div><b>{summary.calls - summary.turns}</b><span>side calls</span></div>
        <div className={summary.failed ? 'error-text' : ''}><b data-testid="flow-failed">{summary.failed}</b><span>failed</span></div>
        <div><b>{summary.retries}</b><span>retries</span></div>
        <div><b>{formatCost(summary.total.costUsd)}</b><span>cost</span></div>
        <div><b data-testid="flow-cache">{summary.cacheHitRatio === null ? '—' : `${Math.round(summary.cacheHitRatio * 100)}%`}</b><span>cache hits</span></div>
      </div>

      <h4>Tool calls</h4>
      {summary.tools.length === 0 ? <p className="muted small">None.</p> : (
        <table className="flow-table" data-testid="flow-tools">
          <tbody>
            {summary.tools.map((t) => (
              <tr key={t.name} data-tool={t.name} data-count={t.count} data-failures={t.failures}>
                <td className="mono">{t.name}</td>
                <td className="num">{t.count}×</td>
                <td className={`num${t.failures ? ' error-text' : ' muted'}`}>{t.failures ? `${t.failures} failed` : 'ok'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>By model</h4>
      <table className="flow-table" data-testid="flow-models">
        <tbody>
          {summary.byModel.map((m) => (
            <tr key={m.model} data-model={m.model}>
              <td className="mono ellipsis" title={m.model}>{m.model}</td>
              <td className="num">{m.calls}</td>
              <td className="num muted">{tokensOf(m)}</td>
              <td className="num">{formatCost(m.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>By lane</h4>
      <table className="flow-table" data-testid="flow-lanes-summary">
        <tbody>
          {summary.byLane.map((l) => (
            <tr key={`${l.relation}:${l.sessionId}`}>
              <td className="ellipsis" title={l.title}><span className={`badge badge-${l.relation}`}>{l.relation}</span> {l.title}</td>
              <td className="num">{l.calls}</td>
              <td className="num muted">{tokensOf(l)}</td>
              <td className="num">{formatCost(l.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>Slowest calls</h4>
      <ol className="flow-slowest">
        {summary.slowest.map((c) => (
          <li key={c.id}>
            <button type="button" className="link-button" onClick={() => onOpen(c.sessionId, c.id)}>{formatDuration(c.durationMs)}</button>
            <span className="muted small"> {c.model ?? '?'}{c.ttftMs !== undefined ? ` · TTFT ${formatDuration(c.ttftMs)}` : ''}</span>
          </li>
        ))}
      </ol>

      <h4>Context growth <span className="muted small">(input tokens per turn, main lane)</span></h4>
      <ContextChart points={summary.contextGrowth} />
    </aside>
  );
}
