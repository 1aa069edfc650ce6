// The desktop app and the CLI must share one data dir. Electron's default userData is appData/<package name>
// ("threadtap", lower case), while the CLI uses appData/Threadtap (electron/core/data-dir.ts); on Linux those are two
// folders. The shell therefore sets userData explicitly, honouring THREADTAP_DATA_DIR like the CLI does.

import { join } from 'node:path';

export function desktopDataDir(env: NodeJS.ProcessEnv, appDataPath: string): string {
  return env.THREADTAP_DATA_DIR || join(appDataPath, 'Threadtap');
}
