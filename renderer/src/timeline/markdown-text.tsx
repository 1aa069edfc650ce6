// Markdown and code in model text, with a well-kept renderer (react-markdown, GFM tables and lists, highlight.js
// through rehype-highlight). Raw HTML in model output is not rendered (react-markdown's default), only shown as text.
// Text first shows plain: until the markdown chunk has loaded, and until the frame that shows it has been painted, so
// that opening a long session paints its turns before parsing and highlighting them. (A deferred value is not
// enough: Chromium gives rendering no priority over the transition's tasks for about 100 ms, so the plain text was
// never painted before the markdown.)
import { lazy, memo, startTransition, Suspense, useEffect, useState } from 'react';

const loadRenderer = () => import('./markdown-renderer');
const MarkdownRenderer = lazy(() => loadRenderer().then((m) => ({ default: m.MarkdownRenderer })));

/** Starts loading the markdown chunk, e.g. while a session's turns are being fetched. */
export function preloadMarkdown(): void {
  loadRenderer().catch(() => undefined);
}

const LONG = 6000;

/** False until the frame after the first render has been painted (a task queued from a frame callback runs after
 * that frame), then `value`, as a transition. */
function useAfterPaint(value: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!value || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, painted]);
  return value && painted;
}

export const MarkdownText = memo(function MarkdownText({ text, plain = false }: { text: string; plain?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const rich = useAfterPaint(!plain);
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
