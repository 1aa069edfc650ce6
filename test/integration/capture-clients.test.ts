import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { exportedInteractions, runCli, useTestEngine } from '../helpers/engine-harness';

const execFileAsync = promisify(execFile);
const OPENAI_KEY = 'sk-proj-testsecretvalue0123456789abcd';
const ANTHROPIC_KEY = 'sk-ant-api03-testsecretvalue0123456789wxyz';

const t = useTestEngine();

describe('capture of real SDK traffic through the base-URL routes', () => {
  it('records an OpenAI chat completion, streamed and not, with the key fingerprinted', async () => {
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: `${t.engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }] });
    expect(plain.choices[0].message.content).toBeTruthy();
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the capital of France?' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);

    const { interactions } = await exportedInteractions(t.engine.dataDir, 2);
    const streamed = interactions.find((i) => i.request.body && (i.request.body as { stream?: boolean }).stream);
    expect(streamed).toBeDefined();
    expect(streamed!.provider).toBe('openai');
    expect(streamed!.request.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(streamed!.request.headers.authorization).toBe('Bearer sk-proj-…abcd');
    expect(streamed!.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const output = streamed!.output?.[0];
    expect(output?.parts.find((p) => p.type === 'text')).toMatchObject({ type: 'text', text });
    expect(streamed!.response?.stream?.length).toBeGreaterThan(2);
    expect(JSON.stringify(interactions)).not.toContain(OPENAI_KEY);
  });

  it('records an Anthropic tool-use stream with its tool call assembled', async () => {
    const client = new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: `${t.engine.proxyUrl}/anthropic`, maxRetries: 0 });
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'What is the weather in SF?' }],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    const final = await stream.finalMessage();
    const toolUse = final.content.find((b) => b.type === 'tool_use');
    expect(toolUse).toBeDefined();

    const { interactions } = await exportedInteractions(t.engine.dataDir, 3);
    const anthropic = interactions.find((i) => i.provider === 'anthropic');
    // Newer SDKs send the key as a Bearer token, older ones as x-api-key: either way only the fingerprint is kept.
    const credential = anthropic?.request.headers['x-api-key'] ?? anthropic?.request.headers.authorization;
    expect(credential).toMatch(/^(Bearer )?sk-ant-…wxyz$/);
    const call = anthropic?.output?.[0]?.parts.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', name: (toolUse as { name: string }).name, arguments: (toolUse as { input: unknown }).input });
    expect(JSON.stringify(interactions)).not.toContain(ANTHROPIC_KEY);
  });
});

describe('capture through HTTPS_PROXY', () => {
  it('decrypts an LLM host for curl that trusts the Threadtap CA, and the client gets the upstream bytes', async () => {
    const { stdout } = await execFileAsync('curl', [
      '-sS', '--fail-with-body', '--proxy', t.engine.proxyUrl, '--cacert', t.engine.caCertPath,
      'https://api.openai.com/v1/chat/completions',
      '-H', 'content-type: application/json', '-H', `authorization: Bearer ${OPENAI_KEY}`,
      '-d', JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'curl says hello' }] }),
    ]);
    expect(Buffer.from(stdout)).toEqual(t.upstream.sent.get('chat'));
    const { interactions } = await exportedInteractions(t.engine.dataDir, 4);
    const viaCurl = interactions.find((i) => i.messages.some((m) => m.parts.some((p) => p.type === 'text' && p.text === 'curl says hello')));
    expect(viaCurl?.request.headers['user-agent']).toMatch(/^curl\//);
    expect(viaCurl?.status).toBe('complete');
  });

  it('routes plain built-in fetch through the proxy with `threadtap run`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadtap-run-'));
    const script = join(dir, 'script.mjs');
    writeFileSync(
      script,
      `const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST',
         headers: { 'content-type': 'application/json', authorization: 'Bearer ${OPENAI_KEY}' },
         body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'fetch via run' }] }) });
       console.log(res.status); process.exit(res.status === 200 ? 0 : 3);`,
    );
    const result = await runCli(['run', '--data-dir', t.engine.dataDir, '--', process.execPath, script]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const { interactions } = await exportedInteractions(t.engine.dataDir, 5);
    expect(interactions.some((i) => JSON.stringify(i.messages).includes('fetch via run'))).toBe(true);
  });

  it('captures python urllib run under `threadtap run`, trusting the CA through SSL_CERT_FILE', async () => {
    const code = [
      'import json, urllib.request',
      "req = urllib.request.Request('https://api.anthropic.com/v1/messages', method='POST', data=json.dumps({'model': 'claude-haiku-4-5', 'max_tokens': 5, 'messages': [{'role': 'user', 'content': 'python says hi'}]}).encode(), headers={'content-type': 'application/json', 'x-api-key': '" + ANTHROPIC_KEY + "'})",
      'print(urllib.request.urlopen(req).status)',
    ].join('\n');
    const result = await runCli(['run', '--data-dir', t.engine.dataDir, '--', 'python3', '-c', code]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('200');
    const { interactions } = await exportedInteractions(t.engine.dataDir, 6);
    const py = interactions.find((i) => JSON.stringify(i.messages).includes('python says hi'));
    expect(py?.provider).toBe('anthropic');
    expect(py?.request.headers['user-agent']).toMatch(/Python-urllib/);
  });
});
