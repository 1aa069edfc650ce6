import { describe, expect, it } from 'vitest';
import { detectEndpoint, isLikelyLlmRequest } from '../../../electron/core/providers';

const POST = 'POST';

describe('detectEndpoint', () => {
  it.each([
    ['https://api.openai.com/v1/chat/completions', 'openai', 'openai-chat', '/v1/chat/completions'],
    ['https://openrouter.ai/api/v1/chat/completions', 'openrouter', 'openai-chat', '/api/v1/chat/completions'],
    ['https://api.groq.com/openai/v1/chat/completions', 'groq', 'openai-chat', '/openai/v1/chat/completions'],
    ['https://api.together.xyz/v1/chat/completions', 'together', 'openai-chat', '/v1/chat/completions'],
    ['https://api.fireworks.ai/inference/v1/chat/completions', 'fireworks', 'openai-chat', '/inference/v1/chat/completions'],
    ['https://api.deepseek.com/chat/completions', 'deepseek', 'openai-chat', '/chat/completions'],
    ['https://api.x.ai/v1/chat/completions', 'xai', 'openai-chat', '/v1/chat/completions'],
    ['https://api.mistral.ai/v1/chat/completions', 'mistral', 'openai-chat', '/v1/chat/completions'],
    ['http://localhost:8000/v1/chat/completions', 'openai-compatible', 'openai-chat', '/v1/chat/completions'],
    ['http://127.0.0.1:1234/v1/chat/completions', 'openai-compatible', 'openai-chat', '/v1/chat/completions'],
    ['http://localhost:11434/v1/chat/completions', 'ollama', 'openai-chat', '/v1/chat/completions'],
    ['https://api.openai.com/v1/responses', 'openai', 'openai-responses', '/v1/responses'],
    ['https://api.openai.com/v1/embeddings', 'openai', 'openai-embeddings', '/v1/embeddings'],
    ['https://api.anthropic.com/v1/messages?beta=true', 'anthropic', 'anthropic-messages', '/v1/messages'],
    ['https://api.deepseek.com/anthropic/v1/messages', 'deepseek', 'anthropic-messages', '/anthropic/v1/messages'],
    ['http://localhost:11434/api/chat', 'ollama', 'ollama-chat', '/api/chat'],
    ['http://localhost:11434/api/generate', 'ollama', 'ollama-generate', '/api/generate'],
    ['http://localhost:11434/api/embed', 'ollama', 'ollama-embed', '/api/embed'],
    ['http://localhost:11434/api/embeddings', 'ollama', 'ollama-embed', '/api/embeddings'],
  ])('recognises %s', (url, provider, api, endpoint) => {
    expect(detectEndpoint(POST, url, {})).toEqual({ provider, api, endpoint });
  });

  it('names the Azure deployment as the model and drops the api-version query', () => {
    expect(
      detectEndpoint(POST, 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', {}),
    ).toEqual({ provider: 'azure-openai', api: 'openai-chat', endpoint: '/openai/deployments/gpt-4o-mini/chat/completions', model: 'gpt-4o-mini' });
  });

  it('reads the Gemini model and action from the path on Google AI and Vertex', () => {
    expect(detectEndpoint(POST, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent', {})).toEqual({
      provider: 'google',
      api: 'gemini-generate',
      endpoint: '/v1beta/models/gemini-2.5-pro:generateContent',
      model: 'gemini-2.5-pro',
    });
    expect(
      detectEndpoint(
        POST,
        'https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
        {},
      ),
    ).toMatchObject({ provider: 'google-vertex', api: 'gemini-generate', model: 'gemini-2.0-flash' });
    expect(detectEndpoint(POST, 'https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents', {})).toMatchObject({
      api: 'gemini-embed',
      model: 'text-embedding-004',
    });
    expect(detectEndpoint(POST, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent', {})?.api).toBe('gemini-embed');
  });

  it('uses the Host header for origin-form request targets', () => {
    expect(detectEndpoint(POST, '/api/chat', { Host: 'localhost:11434' })).toEqual({ provider: 'ollama', api: 'ollama-chat', endpoint: '/api/chat' });
  });

  it('recognises an Anthropic-compatible /messages path only with the anthropic-version header', () => {
    expect(detectEndpoint(POST, 'https://llm.example.com/anthropic/messages', { 'anthropic-version': '2023-06-01' })).toMatchObject({
      provider: 'anthropic-compatible',
      api: 'anthropic-messages',
    });
    expect(detectEndpoint(POST, 'https://chat.example.com/rooms/1/messages', {})).toBeNull();
  });

  it.each([
    ['GET', 'https://api.openai.com/v1/chat/completions'],
    ['POST', 'https://api.openai.com/v1/threads/thread_1/messages'],
    ['POST', 'https://api.anthropic.com/v1/messages/count_tokens'],
    ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:countTokens'],
    ['GET', 'http://localhost:11434/api/tags'],
    ['POST', 'https://example.com/upload'],
    ['POST', 'not a url at all'],
  ])('ignores %s %s', (method, url) => {
    expect(detectEndpoint(method, url, {})).toBeNull();
    expect(isLikelyLlmRequest(method, url, {})).toBe(false);
  });

  it('calls a plain-HTTP local chat request worth capturing', () => {
    expect(isLikelyLlmRequest('POST', 'http://192.168.1.20:8000/v1/chat/completions', {})).toBe(true);
  });
});
