// Every temporary directory a test run makes, its own and those of the servers, CLIs and browsers it starts, goes
// under one directory of the run's, removed when the run ends: otherwise each run left a few hundred data dirs,
// certificate dirs and exports in the system's temporary directory (some of them databases of tens of MB).
import { useRunTempDir } from './helpers/run-temp-dir';

export default function setup(): () => void {
  return useRunTempDir('threadtap-tests-');
}
