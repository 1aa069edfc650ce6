import type { ExchangeInput } from '../../../electron/core/providers';
import { dataSse, ndjsonFromMarkdown, readWire, typedSse, curlBodyFromMarkdown } from '../../helpers/fixtures';
import { answered, streamed, URLS } from './factories';

// How each wire sample reaches parseExchange: the URL it was sent to and the framing it had on the wire.
// Payload-only recordings are re-framed as SOURCES.md says.

const anthropic = (name: string, body = readWire(name)) => streamed(URLS.anthropic, { stream: true, messages: [] }, body);
const chat = (name: string) => streamed(URLS.chat, { stream: true, messages: [] }, readWire(name));
const responses = (name: string) => streamed(URLS.responses, { stream: true, input: 'x' }, typedSse(readWire(name)));
const gemini = (body: string) => streamed(URLS.geminiStream, { contents: [] }, body);
const ndjson = (url: string, name: string) => streamed(url, { model: 'gemma4', prompt: 'x' }, readWire(name), 'application/x-ndjson');

export const WIRE_CASES: Record<string, () => ExchangeInput> = {
  'anthropic-ts_basic_response.txt': () => anthropic('anthropic-ts_basic_response.txt'),
  'anthropic-ts_incomplete_partial_json_response.txt': () => anthropic('anthropic-ts_incomplete_partial_json_response.txt'),
  'anthropic-ts_stream-a-refusal.sse': () => anthropic('anthropic-ts_stream-a-refusal.sse'),
  'anthropic-ts_stream-a-toolrefusal.sse': () => anthropic('anthropic-ts_stream-a-toolrefusal.sse'),
  'anthropic-ts_stream-b-fallback.sse': () => anthropic('anthropic-ts_stream-b-fallback.sse'),
  'anthropic-ts_tool_use_response.txt': () => anthropic('anthropic-ts_tool_use_response.txt'),
  'js-genai_sse_mixed_delimiters.sse': () => gemini(readWire('js-genai_sse_mixed_delimiters.sse')),
  'js-genai_stream_error_chunk.json': () => gemini(readWire('js-genai_stream_error_chunk.json')),
  'ollama_docs_api_chat_streaming_with_tools.md': () => {
    const doc = readWire('ollama_docs_api_chat_streaming_with_tools.md');
    return streamed(URLS.ollamaChat, curlBodyFromMarkdown(doc), ndjsonFromMarkdown(doc), 'application/x-ndjson');
  },
  'ollama_docs_midstream_error.ndjson': () => ndjson(URLS.ollamaGenerate, 'ollama_docs_midstream_error.ndjson'),
  'ollama_docs_streaming_generate.ndjson': () => ndjson(URLS.ollamaGenerate, 'ollama_docs_streaming_generate.ndjson'),
  'openai-python_chat_stream_173417d55340.sse': () => chat('openai-python_chat_stream_173417d55340.sse'),
  'openai-python_chat_stream_a491adda08c3.sse': () => chat('openai-python_chat_stream_a491adda08c3.sse'),
  'openai-python_chat_stream_e2aad469b71d.sse': () => chat('openai-python_chat_stream_e2aad469b71d.sse'),
  'openai-python_chat_stream_f82268f2fefd.sse': () => chat('openai-python_chat_stream_f82268f2fefd.sse'),
  'vercel-ai_anthropic-clear-thinking.1.chunks.txt': () => anthropic('', typedSse(readWire('vercel-ai_anthropic-clear-thinking.1.chunks.txt'))),
  'vercel-ai_anthropic-text.chunks.txt': () => anthropic('', typedSse(readWire('vercel-ai_anthropic-text.chunks.txt'))),
  'vercel-ai_azure-model-router.1.chunks.txt': () =>
    streamed(URLS.azureChat, { stream: true, messages: [] }, dataSse(readWire('vercel-ai_azure-model-router.1.chunks.txt'))),
  'vercel-ai_google-reasoning.chunks.txt': () => gemini(dataSse(readWire('vercel-ai_google-reasoning.chunks.txt'), '\r\n\r\n')),
  'vercel-ai_google-text.chunks.txt': () => gemini(dataSse(readWire('vercel-ai_google-text.chunks.txt'), '\r\n\r\n')),
  'vercel-ai_google-text.json': () => answered(URLS.gemini, { contents: [] }, readWire('vercel-ai_google-text.json')),
  'vercel-ai_google-tool-call-gemini3.chunks.txt': () => gemini(dataSse(readWire('vercel-ai_google-tool-call-gemini3.chunks.txt'), '\r\n\r\n')),
  'vercel-ai_openai-chat-text.json': () => answered(URLS.chat, { messages: [] }, readWire('vercel-ai_openai-chat-text.json')),
  'vercel-ai_openai-error.1.chunks.txt': () => responses('vercel-ai_openai-error.1.chunks.txt'),
  'vercel-ai_openai-phase.1.chunks.txt': () => responses('vercel-ai_openai-phase.1.chunks.txt'),
  'vercel-ai_openai-phase.1.json': () => answered(URLS.responses, { input: 'x' }, readWire('vercel-ai_openai-phase.1.json')),
  // Four responses back to back: parsed as one body, the last response.completed wins.
  'vercel-ai_openai-reasoning-encrypted-content.1.chunks.txt': () => responses('vercel-ai_openai-reasoning-encrypted-content.1.chunks.txt'),
};
