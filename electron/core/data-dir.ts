// Where Threadtap keeps its database and CA. The default matches Electron's userData folder for the app, so the
// desktop app and the CLI share one data dir.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Threadtap');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Threadtap');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Threadtap');
}

export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.THREADTAP_DATA_DIR ?? defaultDataDir(env);
}
