// Markdown and code in model text, with a well-kept renderer (react-markdown, GFM tables and lists, highlight.js
// through rehype-highlight). Raw HTML in model output is not rendered (react-markdown's default), only shown as text.
// Until the markdown chunk has loaded, the text shows as plain text.
import { lazy, memo, Suspense, useState } from 'react';

const MarkdownRenderer = lazy(() => import('./markdown-renderer').then((m) => ({ default: m.MarkdownRenderer })));

const LONG = 6000;

export const MarkdownText = memo(function MarkdownText({ text, plain = false }: { text: string; plain?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > LONG && !expanded;
  const shown = long ? text.slice(0, LONG) : text;
  const fallback = <pre className="plain-text">{shown}</pre>;
  return (
    <div className="md">
      {plain ? fallback : <Suspense fallback={fallback}><MarkdownRenderer text={shown} /></Suspense>}
      {long && (
        <button type="button" className="link-button" onClick={() => setExpanded(true)}>
          Show all {Math.round(text.length / 1000)}k characters
        </button>
      )}
    </div>
  );
});
