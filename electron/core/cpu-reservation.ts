// While the proxy relays a streamed answer, one CPU is kept free of background threads (everything but the proxy's
// thread: the capture and store workers, V8's helpers, libuv's pool), for the proxy's thread and the user's agents.
//
// Why: a streamed event wakes two sleeping threads on its way (the proxy's, then the client's). While capture catches
// up after a burst, every CPU is busy with background threads, and the scheduler (EEVDF) often lets the running one
// finish its slice, up to the next 4 ms tick, before the woken thread gets a CPU. Niceness does not prevent it, and
// neither did SCHED_IDLE in trials. With one CPU free of background work the woken thread finds it idle. On 2 cores,
// right after 800 calls at concurrency 64, the per-event delay p99 went from 3.4–4.6 ms to under 1.5 ms in most runs.
// Most runs that still miss had a garbage collection of the proxy's own heap during the streams: its parallel
// parts wait for V8's helper threads, which are then confined to the busy CPUs.
//
// Only while streams flow: keeping the CPU free all the time was better still for streams, but cost 15–25% of
// throughput for bursts of non-streamed calls on 2 cores, where capture's threads then share one CPU. The CPU is given
// back once no stream has moved for QUIET_MS.
//
// Node has no thread-affinity call; `taskset` (util-linux, on every mainstream distribution) makes it. Spawning it
// from here would fork this process each time, which at a few hundred MB takes over 10 ms and stalls every thread's
// page faults meanwhile; so one small shell is started with the engine, while the process is still small, and told
// over a pipe which CPUs the threads may use. It enumerates the threads itself each time (so threads started since
// are moved too) and ends with its pipe. Without sh or taskset, or on one CPU, nothing changes. Only this process's
// threads move: the agents `threadtap run` starts, like every other process, keep every CPU.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { Logger } from './logger';

const QUIET_MS = 2_000;
const CHECK_EVERY_MS = 500;

const NO_TASKSET = 3;
// $1: the pid, whose main thread (the proxy's) is left alone. Each line read: a CPU list for every other thread.
const PIN_LOOP = `command -v taskset >/dev/null 2>&1 || exit ${NO_TASKSET}
while read -r cpus; do
  for t in /proc/$1/task/*; do t=\${t##*/}; [ "$t" = "$1" ] || taskset -p -c "$cpus" "$t" >/dev/null 2>&1; done
done`;

export interface CpuReservation {
  /** A stream moved: keep the CPU free until streams have been quiet for a while. Cheap; call per chunk. */
  streamMoved(): void;
  stop(): void;
}

/** Undefined where there is nothing to reserve: not Linux, or a single CPU. */
export function startCpuReservation(logger: Logger): CpuReservation | undefined {
  if (process.platform !== 'linux') return undefined;
  let cpus: number[] | undefined;
  try {
    cpus = allowedCpus(readFileSync('/proc/self/status', 'utf8'));
  } catch {
    return undefined;
  }
  if (!cpus || cpus.length < 2) return undefined;
  const lists = { reserved: cpus.slice(1).join(','), all: cpus.join(',') };

  const helper = spawn('sh', ['-c', PIN_LOOP, 'sh', String(process.pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
  let alive = true;
  let reserved = false;
  let movedAt = 0;
  // Runs only while the CPU is reserved: an idle process is not woken for it.
  let timer: NodeJS.Timeout | undefined;
  const gone = () => {
    alive = false;
    clearInterval(timer);
  };
  helper.on('error', (error) => {
    gone();
    logger.debug(`no CPU is kept free for streams: ${error.message}`);
  });
  helper.on('exit', (code) => {
    gone();
    if (code === NO_TASKSET) logger.debug('no CPU is kept free for streams: taskset is not installed');
  });
  helper.stdin!.on('error', gone);
  // Neither the shell nor its pipe keeps the process running.
  helper.unref();
  (helper.stdin as Socket).unref();

  const send = (list: string) => {
    if (alive) helper.stdin!.write(`${list}\n`);
  };
  const releaseWhenQuiet = () => {
    if (Date.now() - movedAt < QUIET_MS) return;
    reserved = false;
    clearInterval(timer);
    send(lists.all);
  };

  return {
    streamMoved() {
      movedAt = Date.now();
      if (reserved || !alive) return;
      reserved = true;
      send(lists.reserved);
      timer = setInterval(releaseWhenQuiet, CHECK_EVERY_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      if (reserved) send(lists.all);
      if (alive) helper.stdin!.end();
    },
  };
}

/** The CPUs in a /proc status file's Cpus_allowed_list ("0-3,8"), in order; undefined if it has none or is odd. */
export function allowedCpus(status: string): number[] | undefined {
  const list = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status)?.[1];
  if (!list) return undefined;
  const cpus: number[] = [];
  for (const part of list.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return undefined;
    for (let cpu = Number(range[1]); cpu <= Number(range[2] ?? range[1]); cpu++) cpus.push(cpu);
  }
  return cpus;
}
