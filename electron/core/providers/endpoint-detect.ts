import type { Api } from '../../../shared/normalized';

// Recognises an LLM call from its method, URL and headers. Paths are matched by their tail so the same rule
// covers a provider's own API, gateways that mount it under a prefix (OpenRouter /api/v1, Groq /openai/v1,
// Fireworks /inference/v1, Azure deployments) and local servers on any host.

export interface EndpointInfo {
  provider: string;
  api: Api;
  /** URL path without the query. */
  endpoint: string;
  /** The model when the URL names it (Gemini, Vertex, Azure deployment). */
  model?: string;
}

const HOST_PROVIDERS: [suffix: string, provider: string][] = [
  ['api.openai.com', 'openai'],
  ['api.anthropic.com', 'anthropic'],
  ['generativelanguage.googleapis.com', 'google'],
  ['aiplatform.googleapis.com', 'google-vertex'],
  ['openrouter.ai', 'openrouter'],
  ['api.groq.com', 'groq'],
  ['api.together.xyz', 'together'],
  ['api.together.ai', 'together'],
  ['api.fireworks.ai', 'fireworks'],
  ['api.deepseek.com', 'deepseek'],
  ['api.x.ai', 'xai'],
  ['api.mistral.ai', 'mistral'],
  ['codestral.mistral.ai', 'mistral'],
  ['openai.azure.com', 'azure-openai'],
  ['cognitiveservices.azure.com', 'azure-openai'],
  ['services.ai.azure.com', 'azure-openai'],
];

const OLLAMA_PORT = '11434';

function hostProvider(host: string, port: string): string | undefined {
  if (port === OLLAMA_PORT) return 'ollama';
  for (const [suffix, provider] of HOST_PROVIDERS) {
    // Vertex regional hosts are `us-central1-aiplatform.googleapis.com`: a dash, not a dot, before the suffix.
    if (host === suffix || host.endsWith(`.${suffix}`) || host.endsWith(`-${suffix}`)) return provider;
  }
  return undefined;
}

function parseUrl(url: string, headers: Record<string, string>): URL | undefined {
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return new URL(url);
    // Origin-form request target (plain-HTTP proxying or a base-URL route): the host is in the Host header.
    const host = headerValue(headers, 'host') ?? 'localhost';
    return new URL(url, `http://${host}`);
  } catch {
    return undefined;
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

const GEMINI_ACTION = /\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;
const VERTEX_ANTHROPIC = /\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;
const AZURE_DEPLOYMENT = /\/openai\/deployments\/([^/]+)\//;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function detectEndpoint(method: string, url: string, headers: Record<string, string>): EndpointInfo | null {
  if (typeof method !== 'string' || method.toUpperCase() !== 'POST' || typeof url !== 'string') return null;
  const parsed = parseUrl(url, headers);
  if (!parsed) return null;
  const path = parsed.pathname.replace(/\/+$/, '');
  const known = hostProvider(parsed.hostname.toLowerCase(), parsed.port);
  const info = (api: Api, fallback: string, model?: string): EndpointInfo => ({
    provider: known ?? fallback,
    api,
    endpoint: path,
    ...(model ? { model } : {}),
  });

  const gemini = GEMINI_ACTION.exec(path);
  if (gemini) {
    const api: Api = /embed/i.test(gemini[2]) ? 'gemini-embed' : 'gemini-generate';
    return info(api, 'google', safeDecode(gemini[1]));
  }
  const vertexAnthropic = VERTEX_ANTHROPIC.exec(path);
  if (vertexAnthropic) return info('anthropic-messages', 'google-vertex', safeDecode(vertexAnthropic[1]));

  // Azure names a deployment, not a model; it is usually the model's name and the body often has no model.
  const deployment = AZURE_DEPLOYMENT.exec(path)?.[1];
  const azureModel = deployment ? safeDecode(deployment) : undefined;
  if (path.endsWith('/chat/completions')) return info('openai-chat', 'openai-compatible', azureModel);
  if (path.endsWith('/responses')) return info('openai-responses', 'openai-compatible', azureModel);
  if (/(^|\/)api\/(embed|embeddings)$/.test(path)) return info('ollama-embed', 'ollama');
  if (path.endsWith('/embeddings')) return info('openai-embeddings', 'openai-compatible', azureModel);
  if (!path.includes('/threads/')) {
    const anthropicHeader = headerValue(headers, 'anthropic-version') !== undefined;
    if (path.endsWith('/v1/messages') || (path.endsWith('/messages') && (anthropicHeader || known === 'anthropic'))) {
      return info('anthropic-messages', 'anthropic-compatible');
    }
  }
  if (/(^|\/)api\/chat$/.test(path)) return info('ollama-chat', 'ollama');
  if (/(^|\/)api\/generate$/.test(path)) return info('ollama-generate', 'ollama');
  return null;
}

/** Whether a plain-HTTP request is worth capturing: only requests that look like one of the supported APIs. */
export function isLikelyLlmRequest(method: string, url: string, headers: Record<string, string>): boolean {
  return detectEndpoint(method, url, headers) !== null;
}
