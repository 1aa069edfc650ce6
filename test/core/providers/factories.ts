import type { ExchangeInput } from '../../../electron/core/providers';

// Small builders for parseExchange inputs, so each test states only what matters to it.

export function exchange(url: string, request: unknown, overrides: Partial<ExchangeInput> = {}): ExchangeInput {
  return {
    method: 'POST',
    url,
    requestHeaders: { 'content-type': 'application/json' },
    requestBody: typeof request === 'string' ? request : JSON.stringify(request),
    ...overrides,
  };
}

export function streamed(url: string, request: unknown, body: string, contentType = 'text/event-stream'): ExchangeInput {
  return exchange(url, request, { status: 200, responseHeaders: { 'content-type': contentType }, responseBody: body });
}

export function answered(url: string, request: unknown, response: unknown, status = 200): ExchangeInput {
  return exchange(url, request, {
    status,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: typeof response === 'string' ? response : JSON.stringify(response),
  });
}

export const URLS = {
  anthropic: 'https://api.anthropic.com/v1/messages?beta=true',
  chat: 'https://api.openai.com/v1/chat/completions',
  azureChat: 'https://myres.openai.azure.com/openai/deployments/gpt-5-nano/chat/completions?api-version=2025-01-01-preview',
  responses: 'https://api.openai.com/v1/responses',
  geminiStream: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse',
  gemini: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:generateContent',
  ollamaChat: 'http://localhost:11434/api/chat',
  ollamaGenerate: 'http://localhost:11434/api/generate',
} as const;
