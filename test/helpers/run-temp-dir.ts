import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceBundleCacheDir } from '../../bin/source-bundle.mjs';

/** Points TMPDIR, which this process and every process it starts use for temporary directories, at a new directory
 * of its own, and returns what removes it. The CLI's bundle cache stays where it was: rebuilding it each time would
 * only cost time. */
export function useRunTempDir(prefix: string): () => void {
  process.env.THREADTAP_BUNDLE_CACHE_DIR ??= sourceBundleCacheDir();
  const root = mkdtempSync(join(tmpdir(), prefix));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
