// Markdown and code in model text, with a well-kept renderer (react-markdown, GFM tables and lists, highlight.js
// through rehype-highlight). Raw HTML in model output is not rendered (react-markdown's default), only shown as text.
import { memo, useState } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeHighlight from 'rehype-highlight';

const LONG = 6000;
const remarkPlugins = [remarkGfm];
const rehypePlugins = [[rehypeHighlight, { detect: false, ignoreMissing: true }] as [typeof rehypeHighlight, object]];

export const MarkdownText = memo(function MarkdownText({ text, plain = false }: { text: string; plain?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > LONG && !expanded;
  const shown = long ? text.slice(0, LONG) : text;
  return (
    <div className="md">
      {plain ? <pre className="plain-text">{shown}</pre> : <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins}>{shown}</Markdown>}
      {long && (
        <button type="button" className="link-button" onClick={() => setExpanded(true)}>
          Show all {Math.round(text.length / 1000)}k characters
        </button>
      )}
    </div>
  );
});
