import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../../electron/core/providers';
import { answered, exchange, streamed, URLS } from './factories';

describe('parseExchange on unusual input', () => {
  it('reports an unrecognised endpoint and leaves the exchange raw', () => {
    const parsed = parseExchange(answered('https://example.com/v2/predict?x=1', { prompt: 'hi' }, { out: 'hello' }));
    expect(parsed).toEqual({ provider: 'unknown', api: 'unknown', endpoint: '/v2/predict', notes: ['unrecognised endpoint POST /v2/predict'] });
  });

  it('falls back to the Chat Completions shape for an unknown endpoint whose body has messages', () => {
    const parsed = parseExchange(
      answered('https://llm.internal/generate', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, {
        choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
      }),
    );
    expect(parsed.provider).toBe('unknown');
    expect(parsed.api).toBe('unknown');
    expect(parsed.notes[0]).toMatch(/unrecognised endpoint POST \/generate; parsed as OpenAI chat/);
    expect(parsed.request!.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
    expect(parsed.response!.outputs).toEqual([{ role: 'assistant', parts: [{ type: 'text', text: 'hello' }] }]);
  });

  it('says why a malformed request or response body was not parsed', () => {
    const parsed = parseExchange(answered(URLS.chat, '{"messages": [', '<html>502 Bad Gateway</html>', 502));
    expect(parsed.request).toBeUndefined();
    expect(parsed.response).toBeUndefined();
    expect(parsed.notes).toHaveLength(2);
    expect(parsed.notes[0]).toMatch(/^request body is not valid JSON/);
    expect(parsed.notes[1]).toMatch(/^response body is not valid JSON/);
  });

  it('treats a JSON error answered to a streaming request as an error, not a stream', () => {
    const body = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } });
    const parsed = parseExchange(streamed(URLS.anthropic, { stream: true, messages: [] }, body, 'application/json'));
    expect(parsed.response).toMatchObject({ error: { type: 'rate_limit_error', message: 'Slow down' }, stopReason: 'error', streamed: false });
    const status = parseExchange({ ...streamed(URLS.anthropic, { stream: true, messages: [] }, body, 'application/json'), status: 429 });
    expect(status.response!.error).toEqual({ type: 'rate_limit_error', message: 'Slow down' });
  });

  it('marks an exchange aborted before any response byte as incomplete', () => {
    const parsed = parseExchange({ ...exchange(URLS.chat, { stream: true, messages: [] }), aborted: true });
    expect(parsed.response).toEqual({ outputs: [], usage: {}, streamed: false, incomplete: true });
  });

  it('notes a missing request body without failing', () => {
    const parsed = parseExchange({ method: 'POST', url: URLS.chat, requestHeaders: {} });
    expect(parsed.api).toBe('openai-chat');
    expect(parsed.notes).toEqual(['no request body']);
  });

  it('never throws, even on input of the wrong types', () => {
    const inputs: unknown[] = [null, undefined, 42, {}, { method: 7, url: null }, { method: 'POST', url: URLS.chat, requestHeaders: null, requestBody: 5 }];
    for (const input of inputs) {
      const parsed = parseExchange(input as never);
      expect(parsed.notes.length).toBeGreaterThan(0);
    }
  });
});

describe('embeddings', () => {
  it('counts OpenAI vectors and their dimension, and takes inputs as text parts', () => {
    const parsed = parseExchange(
      answered('https://api.openai.com/v1/embeddings', { model: 'text-embedding-3-small', input: ['alpha', 'beta'], dimensions: 3 }, {
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] },
          { object: 'embedding', index: 1, embedding: [0.4, 0.5, 0.6] },
        ],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 4, total_tokens: 4 },
      }),
    );
    expect(parsed.api).toBe('openai-embeddings');
    expect(parsed.request!.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'alpha' }, { type: 'text', text: 'beta' }] }]);
    expect(parsed.request!.params).toEqual({ dimensions: 3 });
    expect(parsed.response).toMatchObject({ embeddings: { count: 2, dimensions: 3 }, usage: { inputTokens: 4, totalTokens: 4 }, outputs: [] });
  });

  it('reads base64 vectors, Ollama /api/embed and Gemini batch embeddings', () => {
    const base64 = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer).toString('base64');
    const openai = parseExchange(answered('https://api.openai.com/v1/embeddings', { input: 'x', encoding_format: 'base64' }, { data: [{ embedding: base64 }] }));
    expect(openai.response!.embeddings).toEqual({ count: 1, dimensions: 4 });

    const ollama = parseExchange(answered('http://localhost:11434/api/embed', { model: 'all-minilm', input: 'Why is the sky blue?' }, {
      model: 'all-minilm',
      embeddings: [[0.01, -0.02]],
      prompt_eval_count: 8,
    }));
    expect(ollama.response).toMatchObject({ embeddings: { count: 1, dimensions: 2 }, usage: { inputTokens: 8 } });

    const gemini = parseExchange(answered('https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'one' }] } }, { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'two' }] } }],
    }, { embeddings: [{ values: [1, 2, 3] }, { values: [4, 5, 6] }] }));
    expect(gemini.model).toBe('gemini-embedding-001');
    expect(gemini.request!.messages[0].parts).toEqual([{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }]);
    expect(gemini.response!.embeddings).toEqual({ count: 2, dimensions: 3 });
  });
});
