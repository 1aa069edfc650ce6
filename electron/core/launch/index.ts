// Launching commands under Threadtap: their environment, its shell form, and running them. Plain Node, no Electron.

export { buildRunEnv, mergeNoProxy, nodeOptionsWithRequire, defaultPreloadPath, BUNDLE_VARIABLES, PROXY_VARIABLES, LOOPBACK_NO_PROXY, type RunEnvOptions } from './run-env';
export { APPENDED_VARIABLES, formatEnvLines, type EnvShell } from './env-lines';
export { runCommand, exitStatus, signalsToForward, type RunCommandOptions } from './run-command';
export { readSystemRoots, writeTrustFiles, SYSTEM_BUNDLE_CANDIDATES, type TrustFiles, type TrustFilesOptions } from './ca-bundle';
