import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { exportedInteractions, runCli, useTestEngine } from '../helpers/engine-harness';

const t = useTestEngine();

describe('sessions rebuilt from live traffic through the proxy', () => {
  it('joins a follow-up question that carries the first answer into the same session as a turn', async () => {
    const client = new OpenAI({ apiKey: 'sk-proj-livesessions0000000000001', baseURL: `${t.engine.proxyUrl}/openai/v1`, maxRetries: 0 });
    const history: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You are a geography assistant.' },
      { role: 'user', content: 'What is the capital of France?' },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
    // The SDK user echoes the answer as the API gave it, then asks on.
    history.push({ role: 'assistant', content: first.choices[0].message.content }, { role: 'user', content: 'What is its population?' });
    await client.chat.completions.create({ model: 'gpt-4o', messages: history });

    const { doc } = await exportedInteractions(t.engine.dataDir, 2);
    const session = doc.sessions.find((s) => s.interactions.some((i) => JSON.stringify(i.messages).includes('What is its population?')))!;
    expect(session.interactions).toHaveLength(2);
    expect(session.interactions[0]).toMatchObject({ kind: 'start', parentId: null });
    expect(session.interactions[1]).toMatchObject({ kind: 'turn', parentId: session.interactions[0].id });
    expect(session.title).toBe('What is the capital of France?');
  });

  it('keeps an Anthropic tool loop in one session and a different conversation apart', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-api03-livesessions00000000002', baseURL: `${t.engine.proxyUrl}/anthropic`, maxRetries: 0 });
    const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages, tools });
    const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!;
    messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18°C and sunny' }] });
    await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages, tools });
    await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Write a haiku about rain.' }] });

    const { doc } = await exportedInteractions(t.engine.dataDir, 5);
    const loop = doc.sessions.find((s) => s.title === 'What is the weather in Paris?')!;
    expect(loop.interactions.map((i) => i.kind)).toEqual(['start', 'turn']);
    expect(loop.interactions[1].parentId).toBe(loop.interactions[0].id);
    const haiku = doc.sessions.find((s) => s.title === 'Write a haiku about rain.')!;
    expect(haiku.id).not.toBe(loop.id);
    expect(haiku.interactions).toHaveLength(1);

    const tree = JSON.parse((await runCli(['sessions', '--json', '--data-dir', t.engine.dataDir])).stdout) as { sessions: { id: string; interactionCount: number }[] };
    expect(tree.sessions.find((s) => s.id === loop.id)?.interactionCount).toBe(2);
  });
});
