// Markdown and code in model text, with a well-kept renderer (react-markdown, GFM tables and lists, highlight.js
// through rehype-highlight). Raw HTML in model output is not rendered (react-markdown's default), only shown as text.
// Text first shows plain: until the markdown chunk has loaded, and on every first render, so that opening a long
// session paints its turns before parsing and highlighting them (a background render React can interrupt).
import { lazy, memo, Suspense, useDeferredValue, useState } from 'react';

const loadRenderer = () => import('./markdown-renderer');
const MarkdownRenderer = lazy(() => loadRenderer().then((m) => ({ default: m.MarkdownRenderer })));

/** Starts loading the markdown chunk, e.g. while a session's turns are being fetched. */
export function preloadMarkdown(): void {
  loadRenderer().catch(() => undefined);
}

const LONG = 6000;

export const MarkdownText = memo(function MarkdownText({ text, plain = false }: { text: string; plain?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const rich = useDeferredValue(!plain, false);
  const long = text.length > LONG && !expanded;
  const shown = long ? text.slice(0, LONG) : text;
  const fallback = <pre className="plain-text">{shown}</pre>;
  return (
    <div className="md">
      {rich ? (
        <Suspense fallback={fallback}>
          <MarkdownRenderer text={shown} />
        </Suspense>
      ) : (
        fallback
      )}
      {long && (
        <button type="button" className="link-button" onClick={() => setExpanded(true)}>
          Show all {Math.round(text.length / 1000)}k characters
        </button>
      )}
    </div>
  );
});
