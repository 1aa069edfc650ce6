// Import throughput and peak memory: generates a HAR of the asked size on the fly (streamed to a temp file, never
// held in memory), imports it with the real CLI in a child process, and reports the child's peak resident memory.
// Run alone: `npx tsx bench/import-bench.ts 1000000000` prints the figures as JSON.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ImportBenchResult {
  bytes: number;
  entries: number;
  seconds: number;
  entriesPerSecond: number;
  mbPerSecond: number;
  peakRssMb: number;
  /** What the import reported: imported, LLM calls, sessions. */
  imported?: number;
  sessions?: number;
}

const repo = new URL('../', import.meta.url).pathname;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function benchImport(sizeBytes: number): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'threadtap-import-bench-'));
  try {
    const harFile = join(dir, 'capture.har');
    const entries = await generateHar(harFile, sizeBytes);
    const bytes = statSync(harFile).size;
    const run = await importInChild(harFile, join(dir, 'data'), join(dir, 'rss.txt'));
    return {
      bytes,
      entries,
      seconds: round(run.seconds, 2),
      entriesPerSecond: round(entries / run.seconds),
      mbPerSecond: round(bytes / 1e6 / run.seconds, 2),
      peakRssMb: round(run.peakRssMb),
      imported: run.report.imported,
      sessions: run.report.sessions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- the import, measured --------------------------------------------------------------------------------------

/** Loaded into the child with --import: writes the process's own peak RSS (KB) when it exits. */
const RSS_PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    `import { writeFileSync } from 'node:fs';
     import { isMainThread } from 'node:worker_threads';
     if (isMainThread) process.on('exit', () => writeFileSync(process.env.THREADTAP_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));`,
  );

async function importInChild(harFile: string, dataDir: string, rssFile: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_PRELOAD, join(repo, 'bin', 'threadtap.js'), 'import', harFile, '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, THREADTAP_BENCH_RSS_FILE: rssFile },
  });
  // Also sampled from /proc while it runs, in case the exit hook cannot write.
  let polledKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) polledKb = Math.max(polledKb, Number(hwm[1]));
    } catch {
      // Gone, or no /proc on this platform.
    }
  }, 100);
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`threadtap import exited with ${code}`);
  let peakKb = polledKb;
  try {
    peakKb = Math.max(peakKb, Number(readFileSync(rssFile, 'utf8')));
  } catch {
    // Fall back to the sampled figure.
  }
  return { seconds, peakRssMb: peakKb / 1024, report: JSON.parse(stdout) as { imported: number; sessions: number } };
}

// --- the capture, generated ----------------------------------------------------------------------------------

/** Small deterministic PRNG, so every run imports the same file for a size. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a function returns value file test error module import export const let if else for while class interface type ' +
  'async await promise stream buffer request response session turn tool result message model token cache index hash ' +
  'store read write parse format check build run fix update change line path config option flag default case'
).split(' ');

interface Agent {
  sessionNo: number;
  turnsLeft: number;
  system: string;
  messages: string[];
  clock: number;
  toolNo: number;
}

/** Writes a Claude-Code-like capture: several agents at once, tool loops whose request history grows every turn. */
export async function generateHar(path: string, sizeBytes: number, seed = 7): Promise<number> {
  const random = prng(seed);
  const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const agents: Agent[] = [];
  let sessions = 0;
  const newAgent = (clock: number): Agent => ({
    sessionNo: sessions++,
    turnsLeft: 20 + Math.floor(random() * 100),
    system: `You are a coding agent (session ${sessions}). ${pick(400)}`,
    messages: [JSON.stringify({ role: 'user', content: [{ type: 'text', text: `Task ${sessions}: ${pick(60)}` }] })],
    clock,
    toolNo: 0,
  });
  const start = Date.UTC(2026, 0, 5, 9);
  for (let i = 0; i < 6; i++) agents.push(newAgent(start + i * 700));

  await write('{"log":{"version":"1.2","creator":{"name":"threadtap-bench","version":"1"},"pages":[],"entries":[\n');
  let written = 0;
  let entries = 0;
  while (written < sizeBytes) {
    // The agent whose next request is due first goes next, so the file is in start order as browsers write it.
    const agent = agents.reduce((a, b) => (b.clock < a.clock ? b : a));
    const body = `{"model":"claude-sonnet-4-5","max_tokens":8192,"stream":true,"system":${JSON.stringify(agent.system)},"messages":[${agent.messages.join(',')}]}`;
    const last = agent.turnsLeft <= 1;
    const text = pick(20 + Math.floor(random() * 80));
    const toolId = `toolu_${agent.sessionNo}_${agent.toolNo++}`;
    const toolInput = { command: `cat src/${pick(1)}/${pick(1)}.ts` };
    const durationMs = 800 + Math.floor(random() * 6000);
    const entry = {
      startedDateTime: new Date(agent.clock).toISOString(),
      time: durationMs,
      request: {
        method: 'POST',
        url: 'https://api.anthropic.com/v1/messages?beta=true',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'content-type', value: 'application/json' },
          { name: 'user-agent', value: 'claude-cli/2.0.14 (external, cli)' },
          { name: 'x-api-key', value: 'sk-ant-api03-benchbenchbenchbenchbench0000' },
          { name: 'anthropic-version', value: '2023-06-01' },
        ],
        queryString: [{ name: 'beta', value: 'true' }],
        cookies: [],
        headersSize: -1,
        bodySize: Buffer.byteLength(body),
        postData: { mimeType: 'application/json', text: body },
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'content-type', value: 'text/event-stream; charset=utf-8' }],
        cookies: [],
        content: { size: 0, mimeType: 'text/event-stream', text: sseAnswer(text, last ? undefined : { id: toolId, input: toolInput }) },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 1, wait: Math.floor(durationMs / 3), receive: durationMs - 1 - Math.floor(durationMs / 3) },
    };
    const line = (entries > 0 ? ',\n' : '') + JSON.stringify(entry);
    await write(line);
    written += line.length;
    entries++;

    if (last) {
      agents[agents.indexOf(agent)] = newAgent(agent.clock + durationMs + 5_000);
      continue;
    }
    const assistant = { role: 'assistant', content: [{ type: 'text', text }, { type: 'tool_use', id: toolId, name: 'Bash', input: toolInput }] };
    const result = { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolId, content: pick(150 + Math.floor(random() * 900)) }] };
    agent.messages.push(JSON.stringify(assistant), JSON.stringify(result));
    agent.turnsLeft--;
    agent.clock += durationMs + 200 + Math.floor(random() * 2000);
  }
  await write('\n]}}\n');
  out.end();
  await once(out, 'finish');
  return entries;
}

function sseAnswer(text: string, tool?: { id: string; input: unknown }): string {
  const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify({ type, ...(data as object) })}\n\n`;
  const half = Math.floor(text.length / 2);
  let sse =
    event('message_start', { message: { id: `msg_${tool?.id ?? 'end'}`, type: 'message', role: 'assistant', content: [], model: 'claude-sonnet-4-5', stop_reason: null, usage: { input_tokens: 1200, output_tokens: 1 } } }) +
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: text.slice(0, half) } }) +
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: text.slice(half) } }) +
    event('content_block_stop', { index: 0 });
  if (tool) {
    sse +=
      event('content_block_start', { index: 1, content_block: { type: 'tool_use', id: tool.id, name: 'Bash', input: {} } }) +
      event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify(tool.input) } }) +
      event('content_block_stop', { index: 1 });
  }
  return (
    sse +
    event('message_delta', { delta: { stop_reason: tool ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 120 } }) +
    event('message_stop', {})
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const size = Number(process.argv[2] ?? 100_000_000);
  if (!Number.isFinite(size) || size <= 0) throw new Error('usage: tsx bench/import-bench.ts SIZE_BYTES');
  process.stdout.write(JSON.stringify(await benchImport(size)) + '\n');
}
