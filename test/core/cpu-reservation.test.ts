import { describe, expect, it } from 'vitest';
import { allowedCpus } from '../../electron/core/cpu-reservation';

describe('allowedCpus', () => {
  it('reads single CPUs, ranges and lists from a /proc status file', () => {
    expect(allowedCpus('Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t1\n')).toEqual([0, 1]);
    expect(allowedCpus('Cpus_allowed_list:\t2-4,8,10-11\n')).toEqual([2, 3, 4, 8, 10, 11]);
    expect(allowedCpus('Cpus_allowed_list:\t5\n')).toEqual([5]);
  });

  it('gives up on a missing or odd list rather than guessing', () => {
    expect(allowedCpus('Name:\tnode\n')).toBeUndefined();
    expect(allowedCpus('Cpus_allowed_list:\t0-x\n')).toBeUndefined();
    expect(allowedCpus('Cpus_allowed_list:\t0,,1\n')).toBeUndefined();
  });
});
