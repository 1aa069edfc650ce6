// Base-URL mode: clients that cannot use a proxy point their base URL at `http://127.0.0.1:PORT/<route>` and we
// forward to the real provider. No CA is involved.

import { targetFromUrl, type UpstreamTarget } from './upstream-target';

const ROUTES: Record<string, string> = {
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  ollama: 'http://127.0.0.1:11434',
  openrouter: 'https://openrouter.ai/api',
  groq: 'https://api.groq.com/openai',
  mistral: 'https://api.mistral.ai',
  deepseek: 'https://api.deepseek.com',
  xai: 'https://api.x.ai',
  together: 'https://api.together.xyz',
  fireworks: 'https://api.fireworks.ai/inference',
};

export const BASE_URL_ROUTE_NAMES = Object.keys(ROUTES);

export function matchBaseUrlRoute(path: string): { target: UpstreamTarget; path: string } | null {
  const match = /^\/([a-z]+)(\/.*)?$/.exec(path.split('?')[0]);
  if (!match || !ROUTES[match[1]]) return null;
  const rest = path.slice(match[1].length + 1) || '/';
  return { target: targetFromUrl(ROUTES[match[1]]), path: rest.startsWith('/') ? rest : `/${rest}` };
}
