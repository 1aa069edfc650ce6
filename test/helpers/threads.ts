import { readdirSync, readFileSync } from 'node:fs';
import { allowedCpus } from '../../electron/core/cpu-reservation';

/** Linux: each thread of a process (`self` or a pid) by thread id, with its niceness. */
export function threadNiceness(pid: number | 'self' = 'self'): Map<number, number> {
  return perThread(pid, (dir) => {
    // The fields after the command name (which may hold spaces) start at state; nice is field 19.
    const stat = readFileSync(`${dir}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** Linux: each thread of a process by thread id, with the CPUs it may run on. */
export function threadCpus(pid: number | 'self' = 'self'): Map<number, number[]> {
  return perThread(pid, (dir) => allowedCpus(readFileSync(`${dir}/status`, 'utf8')) ?? []);
}

function perThread<T>(pid: number | 'self', read: (dir: string) => T): Map<number, T> {
  const threads = new Map<number, T>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(Number(tid), read(`/proc/${pid}/task/${tid}`));
    } catch {
      // The thread ended while we looked.
    }
  }
  return threads;
}
