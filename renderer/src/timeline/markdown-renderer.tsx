// The markdown stack (react-markdown, GFM, highlight.js) in its own chunk: the session list paints without
// parsing it, and the first timeline loads it once.
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeHighlight from 'rehype-highlight';

// react-markdown runs each plugin's attacher on every render, and rehype-highlight's attacher builds a new lowlight
// with every common grammar registered and compiled: several ms per message. One highlighter, made once, instead.
const highlight = rehypeHighlight({ detect: false });
const sharedHighlight = () => highlight;

const remarkPlugins = [remarkGfm];
const rehypePlugins = [sharedHighlight];

export function MarkdownRenderer({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins}>
      {text}
    </Markdown>
  );
}
