// The markdown stack (react-markdown, GFM, highlight.js) in its own chunk: the session list paints without
// parsing it, and the first timeline loads it once.
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeHighlight from 'rehype-highlight';

const remarkPlugins = [remarkGfm];
const rehypePlugins = [[rehypeHighlight, { detect: false, ignoreMissing: true }] as [typeof rehypeHighlight, object]];

export function MarkdownRenderer({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins}>
      {text}
    </Markdown>
  );
}
