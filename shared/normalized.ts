// The provider-neutral shape of an LLM call. Provider adapters produce it; reconstruction, the store, exports and
// the UI read it. No provider field names beyond this file's vocabulary leak out of electron/core/providers/.

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export type Part =
  | { type: 'text'; text: string }
  | { type: 'image'; mediaType?: string; url?: string; dataBytes?: number; dataHash?: string }
  | { type: 'tool-call'; id?: string; name: string; arguments: unknown }
  | { type: 'tool-result'; toolCallId?: string; name?: string; content: Part[]; isError?: boolean }
  | { type: 'thinking'; text: string; signature?: string; encrypted?: string; redacted?: boolean }
  /** A block the adapter does not know: kept as sent so nothing is lost. */
  | { type: 'other'; kind: string; raw: unknown };

export interface Message {
  role: Role;
  parts: Part[];
  /** Chat Completions `name`, Responses item id and similar: informative, never part of identity. */
  name?: string;
}

export interface ToolSpec {
  name: string;
  description?: string;
  schema?: unknown;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  totalTokens?: number;
}

/** The wire protocol family an exchange speaks. */
export type Api =
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-embeddings'
  | 'anthropic-messages'
  | 'gemini-generate'
  | 'gemini-embed'
  | 'ollama-chat'
  | 'ollama-generate'
  | 'ollama-embed'
  | 'unknown';

export interface NormalizedRequest {
  model?: string;
  /** System and developer instructions come first as role 'system'/'developer' messages. */
  messages: Message[];
  tools?: ToolSpec[];
  /** Sampling and control parameters as sent (temperature, max_tokens, top_p, …), minus messages and tools. */
  params: Record<string, unknown>;
  stream: boolean;
  /** OpenAI Responses chaining. */
  previousResponseId?: string;
  /** Identifiers the client itself gives its session or run (header or body), keyed by where they came from. */
  sessionHints: Record<string, string>;
}

export type StopReason =
  | 'end'
  | 'max-tokens'
  | 'tool-use'
  | 'stop-sequence'
  | 'content-filter'
  | 'refusal'
  | 'error'
  | 'other';

export interface NormalizedResponse {
  id?: string;
  model?: string;
  /** One assistant message per choice; most calls have exactly one. */
  outputs: Message[];
  usage: Usage;
  stopReason?: StopReason;
  /** The provider's own stop reason string, for display. */
  rawStopReason?: string;
  /** An error the provider reported, in the body or mid-stream. */
  error?: { type?: string; message: string };
  streamed: boolean;
  /** True when a stream ended without its terminal event (truncated or aborted). */
  incomplete?: boolean;
  /** Embeddings: how many vectors came back and their dimension. */
  embeddings?: { count: number; dimensions?: number };
}

/** What an adapter made of one exchange. Unknown or malformed input is never thrown: it is reported in `notes`. */
export interface ParsedExchange {
  provider: string;
  api: Api;
  endpoint: string;
  model?: string;
  request?: NormalizedRequest;
  response?: NormalizedResponse;
  /** Raw stream events, parsed from SSE or NDJSON, in arrival order. */
  streamEvents?: unknown[];
  /** Why something was kept raw or only partly parsed. Empty when everything parsed. */
  notes: string[];
}
