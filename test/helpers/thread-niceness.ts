import { readdirSync, readFileSync } from 'node:fs';

/** Linux: each thread of a process (`self` or a pid) by thread id, with its niceness. */
export function threadNiceness(pid: number | 'self' = 'self'): Map<number, number> {
  return new Map(
    readdirSync(`/proc/${pid}/task`).map((tid) => {
      // The fields after the command name (which may hold spaces) start at state; nice is field 19.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );
}
