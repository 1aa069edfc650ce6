// A collapsible JSON tree for request and response bodies: objects and arrays open two levels deep, long strings
// clipped until clicked.
import { memo, useState } from 'react';

function Leaf({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const clipped = !full && value.length > 300;
    return (
      <span className="json-string" onClick={() => setFull(true)} title={clipped ? 'Click to show all' : undefined}>
        "{clipped ? `${value.slice(0, 300)}…` : value}"
      </span>
    );
  }
  if (value === null) return <span className="json-null">null</span>;
  return <span className={`json-${typeof value}`}>{String(value)}</span>;
}

export const JsonTree = memo(function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const label = name !== undefined ? <span className="json-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <details className="json-node" open={depth < 2}>
      <summary>
        {label}
        {brackets[0]}
        <span className="muted"> {entries.length} {Array.isArray(value) ? 'items' : 'keys'} </span>
        {brackets[1]}
      </summary>
      <div className="json-children">
        {entries.slice(0, 500).map(([key, child]) => (
          <JsonTree key={key} name={key} value={child} depth={depth + 1} />
        ))}
        {entries.length > 500 && <div className="muted">… {entries.length - 500} more</div>}
      </div>
    </details>
  );
});
