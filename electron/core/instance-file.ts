// A running instance announces itself in its data dir so `threadtap run` and `env` can find and reuse it.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface InstanceInfo {
  pid: number;
  proxyUrl: string;
  uiUrl: string;
  caCertPath: string;
  dataDir: string;
  startedAt: number;
}

export function instanceFilePath(dataDir: string): string {
  return join(dataDir, 'instance.json');
}

/** The instance serving this data dir, if its process is still alive. */
export async function findRunningInstance(dataDir: string): Promise<InstanceInfo | undefined> {
  let info: InstanceInfo;
  try {
    info = JSON.parse(await readFile(instanceFilePath(dataDir), 'utf8')) as InstanceInfo;
  } catch {
    return undefined;
  }
  try {
    process.kill(info.pid, 0);
    return info;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? info : undefined;
  }
}
