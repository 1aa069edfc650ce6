// A realistic capture: many simulated clients running at once, interleaved in time, each interaction paired with
// its ground truth (session, parent, link). Deterministic for a seed.

import { simulateClaudeCode } from './claude-code-client';
import { ClientSim, type CorpusItem } from './client-sim';
import { simulateAider, simulateCline, simulatePlainChat } from './context-clients';
import { simulateChatScript, simulateHintedApp, simulateRepeatedScript, simulateSameFirstQuestion, simulateSweAgent } from './chat-clients';
import { createRng } from './prng';
import { simulateCodex, simulateResponsesChain } from './responses-clients';

export interface CorpusOptions {
  /** How many copies of the client mix run at once. */
  scale?: number;
  /** Window in which clients start, ms. */
  windowMs?: number;
}

const EPOCH = 1_767_225_600_000;

export function generateCorpus(seed: number, options: CorpusOptions = {}): CorpusItem[] {
  const rng = createRng(seed);
  const sink: CorpusItem[] = [];
  const windowMs = options.windowMs ?? 5 * 60_000;
  let clients = 0;
  const client = (kind: string, userAgent: string, address = '127.0.0.1') => {
    clients++;
    const name = `${kind}${clients}`;
    return new ClientSim(createRng(rng.int(1, 2 ** 31)), name, `${userAgent}|${address}`, EPOCH + rng.int(0, windowMs), sink);
  };
  for (let copy = 0; copy < (options.scale ?? 2); copy++) {
    // Two Claude Code runs on one machine share a client key: only their run ids tell them apart.
    simulateClaudeCode(client('cc', 'claude-cli/2.0.14 (external, cli)'), { runHints: true, agentTool: 'Agent' });
    simulateClaudeCode(client('cc', 'claude-cli/2.0.14 (external, cli)'), { runHints: true, agentTool: 'Agent' });
    simulateClaudeCode(client('cc', 'claude-cli/1.0.88 (external, cli)', `10.0.${copy}.7`), { runHints: false, agentTool: 'Task' });
    simulateCodex(client('codex', 'codex_cli_rs/0.46.0'));
    simulateCodex(client('codex', 'codex_cli_rs/0.46.0'));
    simulateResponsesChain(client('chain', 'OpenAI/JS 6.2.0'));
    simulateResponsesChain(client('chain', 'OpenAI/JS 6.2.0', `10.0.${copy}.31`));
    simulateChatScript(client('chat', 'OpenAI/Python 1.99.1'));
    simulateChatScript(client('chat', 'OpenAI/Python 1.99.1', `10.0.${copy}.12`));
    simulateChatScript(client('chat', 'OpenAI/Python 1.99.1'));
    simulateSameFirstQuestion(client('fr', 'OpenAI/Python 1.99.1', `10.0.${copy}.21`), client('fr', 'OpenAI/Python 1.99.1', `10.0.${copy}.22`));
    simulateHintedApp(client('hinted', 'langchain-js/0.3'));
    simulateRepeatedScript(client('cron', 'python-requests/2.32.3', `10.0.${copy}.40`));
    simulateSweAgent(client('swe', 'litellm/1.74.0'));
    simulateSweAgent(client('swe', 'litellm/1.74.0'));
    simulateAider(client('aider', 'aider/0.86.1'));
    simulateAider(client('aider', 'aider/0.86.1'));
    simulateCline(client('cline', 'Cline/3.30.0'));
    simulateCline(client('cline', 'Cline/3.30.0'));
    simulatePlainChat(client('gemini', 'google-genai-sdk/1.20.0 gl-node/v22'), 'gemini');
    simulatePlainChat(client('gemini', 'google-genai-sdk/1.20.0 gl-node/v22'), 'gemini');
    simulatePlainChat(client('ollama', 'ollama-js/0.5.16'), 'ollama');
    simulatePlainChat(client('ollama', 'ollama-js/0.5.16'), 'ollama');
  }
  return sink.sort((a, b) => a.interaction.startedAt - b.interaction.startedAt || (a.interaction.id < b.interaction.id ? -1 : 1));
}
