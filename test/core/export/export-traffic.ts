// Captured traffic for the export tests: real SDK calls through the real engine (streamed and not, a tool loop, a
// second turn) and the recorded Anthropic tool loops imported from a HAR, each in its own data dir.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { SessionsExport } from '../../../electron/core/export/json-export';
import { exportedInteractions, runCli, tempDataDir } from '../../helpers/engine-harness';
import type { Engine } from '../../../electron/core/engine';
import { toolRunnerCalls, writeHar } from '../import/har-factory';

export const PLANTED = {
  openai: 'sk-proj-PLANTEDopenaiSECRET0123456789abcdWXYZ',
  anthropic: 'sk-ant-api03-PLANTEDanthropicSECRET0123456789abcdQRST',
  google: 'AIzaSyPLANTEDgoogleSECRET0123456789abcdEFGH',
  query: 'AIzaSyPLANTEDquerySECRET0123456789abcdIJKL',
  inMessage: 'sk-proj-PLANTEDinMESSAGEsecret0123456789abcdMNOP',
  github: 'ghp_PLANTEDgithubTOKEN0123456789abcdefghUVWX',
} as const;
export const PLANTED_EMAIL = 'jane.doe.planted@example.com';

/** Drives the engine with real SDK clients and raw fetches; returns once the store holds every call. */
export async function driveEngine(engine: Engine): Promise<SessionsExport> {
  const openai = new OpenAI({ apiKey: PLANTED.openai, baseURL: `${engine.proxyUrl}/openai/v1`, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say hi. My key is ${PLANTED.inMessage}, mail ${PLANTED_EMAIL}` }] });
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `What is the capital of France? (token ${PLANTED.github})` }],
  });
  for await (const chunk of stream) void chunk;

  const anthropic = new Anthropic({ apiKey: PLANTED.anthropic, baseURL: `${engine.proxyUrl}/anthropic`, maxRetries: 0 });
  const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];
  const first = await anthropic.messages
    .stream({ model: 'claude-sonnet-4-5', max_tokens: 256, tools, messages: [{ role: 'user', content: `What is the weather in Paris? Reply to ${PLANTED_EMAIL}` }] })
    .finalMessage();
  const call = first.content.find((b) => b.type === 'tool_use');
  if (call) {
    await anthropic.messages
      .stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        tools,
        messages: [
          { role: 'user', content: `What is the weather in Paris? Reply to ${PLANTED_EMAIL}` },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21 °C' }] },
        ],
      })
      .finalMessage();
  }
  // Gemini-style credentials: the `?key=` query parameter and the x-goog-api-key header.
  await fetch(`${engine.proxyUrl}/openai/v1/chat/completions?key=${PLANTED.query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': PLANTED.google },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Gemini-style key check' }] }),
  });
  return (await exportedInteractions(engine.dataDir, call ? 6 : 5)).doc;
}

/** A data dir holding the ten recorded Anthropic SDK calls (tool loops, a compaction), imported from a HAR. */
export async function importedToolLoops(): Promise<string> {
  const dataDir = tempDataDir();
  const har = writeHar(join(mkdtempSync(join(tmpdir(), 'threadtap-export-')), 'loops.har'), toolRunnerCalls(), 'chrome');
  const run = await runCli(['import', har, '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`import failed: ${run.stderr}`);
  return dataDir;
}

export function workFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'threadtap-export-')), name);
}
