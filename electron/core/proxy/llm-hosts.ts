// Hosts decrypted by default: LLM APIs. Everything else is tunnelled untouched unless the user asks otherwise.

const EXACT = new Set([
  'api.openai.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'aiplatform.googleapis.com',
  'openrouter.ai',
  'api.groq.com',
  'api.mistral.ai',
  'codestral.mistral.ai',
  'api.deepseek.com',
  'api.x.ai',
  'api.together.xyz',
  'api.together.ai',
  'api.fireworks.ai',
  'router.requesty.ai',
  'api.perplexity.ai',
  'api.cohere.com',
  'api.cohere.ai',
  'api.cerebras.ai',
  'api.moonshot.ai',
  'api.z.ai',
  'dashscope.aliyuncs.com',
  'api.githubcopilot.com',
  'models.github.ai',
  'chatgpt.com',
  'api.hyperbolic.xyz',
  'api.deepinfra.com',
  'api.novita.ai',
  'openai.helicone.ai',
  'anthropic.helicone.ai',
  'gateway.ai.cloudflare.com',
]);

const SUFFIXES = ['.openai.azure.com', '.services.ai.azure.com', '.cognitiveservices.azure.com', '-aiplatform.googleapis.com'];

export function isDefaultLlmHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return EXACT.has(host) || SUFFIXES.some((suffix) => host.endsWith(suffix));
}
