// Every temporary directory a test run makes, its own and those of the servers, CLIs and browsers it starts, goes
// under one directory of the run's, removed when the run ends: otherwise each run left a few hundred data dirs,
// certificate dirs and exports in the system's temporary directory (some of them databases of tens of MB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceBundleCacheDir } from '../bin/source-bundle.mjs';

export default function setup(): () => void {
  // The CLI's bundle cache stays where it was: rebuilding it in every run would only cost time.
  process.env.THREADTAP_BUNDLE_CACHE_DIR ??= sourceBundleCacheDir();
  const root = mkdtempSync(join(tmpdir(), 'threadtap-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
