import type { Api } from '../../../shared/normalized';
import type { ProviderAdapter } from './adapter';
import { parseAnthropicRequest, parseAnthropicResponse } from './anthropic-messages';
import { anthropicTextDelta, assembleAnthropicStream } from './anthropic-stream';
import { geminiEmbedAdapter, ollamaEmbedAdapter, openAiEmbeddingsAdapter } from './embeddings';
import { assembleGeminiStream, geminiTextDelta, parseGeminiRequest, parseGeminiResponse } from './gemini';
import { assembleOllamaStream, ollamaTextDelta, parseOllamaRequest, parseOllamaResponse } from './ollama';
import { parseChatRequest, parseChatResponse } from './openai-chat';
import { assembleChatStream, chatTextDelta } from './openai-chat-stream';
import { parseResponsesRequest, parseResponsesResponse } from './openai-responses';
import { assembleResponsesStream, responsesTextDelta } from './openai-responses-stream';

// The one list of wire protocols. Adding an API means adding an entry here and a detection rule.

export const openAiChatAdapter: ProviderAdapter = {
  api: 'openai-chat',
  parseRequest: parseChatRequest,
  parseResponse: parseChatResponse,
  assembleStream: assembleChatStream,
  textDelta: chatTextDelta,
};

const ollamaChat: Omit<ProviderAdapter, 'api'> = {
  parseRequest: parseOllamaRequest,
  parseResponse: parseOllamaResponse,
  assembleStream: (stream, notes) => assembleOllamaStream(stream, notes),
  textDelta: ollamaTextDelta,
};

const ADAPTERS: Record<Exclude<Api, 'unknown'>, ProviderAdapter> = {
  'openai-chat': openAiChatAdapter,
  'openai-responses': {
    api: 'openai-responses',
    parseRequest: parseResponsesRequest,
    parseResponse: parseResponsesResponse,
    assembleStream: assembleResponsesStream,
    textDelta: responsesTextDelta,
  },
  'openai-embeddings': openAiEmbeddingsAdapter,
  'anthropic-messages': {
    api: 'anthropic-messages',
    parseRequest: parseAnthropicRequest,
    parseResponse: parseAnthropicResponse,
    assembleStream: assembleAnthropicStream,
    textDelta: anthropicTextDelta,
  },
  'gemini-generate': {
    api: 'gemini-generate',
    parseRequest: (body, notes) => parseGeminiRequest(body, notes),
    parseResponse: parseGeminiResponse,
    assembleStream: (stream, notes) => assembleGeminiStream(stream, notes),
    textDelta: geminiTextDelta,
  },
  'gemini-embed': geminiEmbedAdapter,
  'ollama-chat': { api: 'ollama-chat', ...ollamaChat },
  'ollama-generate': { api: 'ollama-generate', ...ollamaChat },
  'ollama-embed': ollamaEmbedAdapter,
};

export function adapterFor(api: Api): ProviderAdapter | undefined {
  return api === 'unknown' ? undefined : ADAPTERS[api];
}
