// One normalized message: text as markdown, tool calls with their paired results, thinking collapsed, images.
import { createContext, memo, useContext } from 'react';
import type { TurnView } from '../../../shared/api-contract';
import type { Message, Part } from '../../../shared/normalized';
import { MarkdownText } from './markdown-text';
import type { ToolPairing, ToolResultPart } from './tool-pairing';

export interface MessageContextValue {
  pairing: ToolPairing;
  childSessions: TurnView['childSessions'];
  openSession(id: string): void;
}

const NO_PAIRING: MessageContextValue = { pairing: { resultFor: () => undefined, hasCall: () => false }, childSessions: [], openSession: () => undefined };
export const MessageContext = createContext<MessageContextValue>(NO_PAIRING);

function argumentsText(args: unknown): string {
  if (typeof args === 'string') {
    try {
      return JSON.stringify(JSON.parse(args), null, 2);
    } catch {
      return args;
    }
  }
  return JSON.stringify(args, null, 2);
}

function ToolResult({ part, label }: { part: ToolResultPart; label: string }) {
  return (
    <details className={`tool-result${part.isError ? ' is-error' : ''}`}>
      <summary>
        {label}
        {part.isError && <span className="badge badge-error">error</span>}
      </summary>
      <div className="tool-result-body">
        {part.content.map((p, i) => (
          <PartView key={i} part={p} plain />
        ))}
      </div>
    </details>
  );
}

function ToolCall({ part }: { part: Extract<Part, { type: 'tool-call' }> }) {
  const { pairing, childSessions, openSession } = useContext(MessageContext);
  const result = pairing.resultFor(part.id);
  const child = childSessions.find((c) => c.toolCallId && c.toolCallId === part.id) ?? (childSessions.length === 1 && childSessions[0].relation === 'subagent' && !childSessions[0].toolCallId ? childSessions[0] : undefined);
  return (
    <div className="tool-call">
      <div className="tool-call-head">
        <span className="tool-icon" aria-hidden>⚙</span>
        <code className="tool-name">{part.name}</code>
        {part.id && <span className="muted small">{part.id}</span>}
      </div>
      <pre className="tool-args">{argumentsText(part.arguments)}</pre>
      {child && (
        <button type="button" className="subagent-link" onClick={() => openSession(child.sessionId)}>
          ↳ Open sub-agent: {child.title}
        </button>
      )}
      {result ? <ToolResult part={result} label="Result" /> : <div className="muted small">No result yet</div>}
    </div>
  );
}

export const PartView = memo(function PartView({ part, plain = false }: { part: Part; plain?: boolean }) {
  const { pairing } = useContext(MessageContext);
  switch (part.type) {
    case 'text':
      return <MarkdownText text={part.text} plain={plain} />;
    case 'thinking':
      return (
        <details className="thinking">
          <summary>Thinking{part.redacted ? ' (redacted)' : ''}</summary>
          <MarkdownText text={part.text || (part.encrypted ? '[encrypted reasoning]' : '')} plain />
        </details>
      );
    case 'tool-call':
      return <ToolCall part={part} />;
    case 'tool-result':
      return <ToolResult part={part} label={`Tool result${part.name ? ` · ${part.name}` : ''}${pairing.hasCall(part.toolCallId) ? ' (shown with its call above)' : ''}`} />;
    case 'image':
      return part.url?.startsWith('data:image/') ? (
        <img className="message-image" src={part.url} alt="image from the conversation" />
      ) : (
        <div className="image-placeholder">
          🖼 image {part.mediaType ?? ''} {part.dataBytes ? `${Math.round(part.dataBytes / 1024)} KB` : ''} {part.url && !part.url.startsWith('data:') ? part.url : ''}
        </div>
      );
    case 'other':
      return (
        <details className="other-part">
          <summary>{part.kind}</summary>
          <pre>{JSON.stringify(part.raw, null, 2)}</pre>
        </details>
      );
    default: {
      const unknown: never = part;
      return <pre>{JSON.stringify(unknown)}</pre>;
    }
  }
});

export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  const body = message.parts.map((part, i) => <PartView key={i} part={part} />);
  if (message.role === 'system' || message.role === 'developer') {
    return (
      <details className="message message-system">
        <summary>
          <span className="role">{message.role}</span> instructions
        </summary>
        {body}
      </details>
    );
  }
  return (
    <div className={`message message-${message.role}`}>
      <div className="role">{message.role}</div>
      <div className="message-body">{body}</div>
    </div>
  );
});
