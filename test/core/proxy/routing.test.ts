import { describe, expect, it } from 'vitest';
import { applyMapRules, parseMapRule, targetFromUrl, targetUrl } from '../../../electron/core/proxy/upstream-target';
import { matchBaseUrlRoute } from '../../../electron/core/proxy/base-url-routes';
import { createInterceptPolicy } from '../../../electron/core/proxy/intercept-policy';
import { isLoopbackHost, parseHostPort } from '../../../electron/core/proxy/host-port';

describe('where requests go', () => {
  it('maps base-URL routes onto the real providers', () => {
    const route = matchBaseUrlRoute('/openai/v1/chat/completions?x=1');
    expect(route && targetUrl(route.target, route.path)).toBe('https://api.openai.com/v1/chat/completions?x=1');
    const openrouter = matchBaseUrlRoute('/openrouter/v1/chat/completions');
    expect(openrouter && targetUrl(openrouter.target, openrouter.path)).toBe('https://openrouter.ai/api/v1/chat/completions');
    const ollama = matchBaseUrlRoute('/ollama/api/chat');
    expect(ollama && targetUrl(ollama.target, ollama.path)).toBe('http://127.0.0.1:11434/api/chat');
    expect(matchBaseUrlRoute('/nothing/here')).toBeNull();
  });

  it('applies map-remote rules by host and optional port, keeping path prefixes', () => {
    const rules = [parseMapRule('api.openai.com=https://127.0.0.1:9443/prefix'), parseMapRule('example.com:8080=http://localhost:1234')];
    const mapped = applyMapRules(rules, targetFromUrl('https://api.openai.com'));
    expect(targetUrl(mapped, '/v1/models')).toBe('https://127.0.0.1:9443/prefix/v1/models');
    expect(applyMapRules(rules, targetFromUrl('http://example.com:9090')).hostname).toBe('example.com');
    expect(applyMapRules(rules, targetFromUrl('http://example.com:8080')).port).toBe(1234);
    expect(() => parseMapRule('no-equals-sign')).toThrow(/HOST\[:PORT\]=URL/);
    expect(() => parseMapRule('a.com=ftp://x')).toThrow(/http/);
  });

  it('intercepts LLM hosts by default and tunnels the rest', () => {
    const policy = createInterceptPolicy({ intercept: ['*.corp.test', 'gateway.test:8443'] });
    expect(policy('api.anthropic.com', 443)).toBe(true);
    expect(policy('myres.openai.azure.com', 443)).toBe(true);
    expect(policy('github.com', 443)).toBe(false);
    expect(policy('llm.corp.test', 443)).toBe(true);
    expect(policy('gateway.test', 443)).toBe(false);
    expect(policy('gateway.test', 8443)).toBe(true);
    expect(createInterceptPolicy({ interceptAll: true })('github.com', 443)).toBe(true);
  });

  it('recognises loopback spellings so the proxy can refuse its own ports', () => {
    expect(parseHostPort('[::1]:8787')).toEqual({ hostname: '::1', port: 8787 });
    expect(parseHostPort('LOCALHOST:80')).toEqual({ hostname: 'localhost', port: 80 });
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '0.0.0.0', 'app.localhost']) expect(isLoopbackHost(host)).toBe(true);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
