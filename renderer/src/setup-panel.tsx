// Placeholder for the setup panel: where the proxy address, the CA and the copyable `export HTTPS_PROXY=…` lines
// will go once the UI fetches them from the engine's API. It fetches nothing yet.
import { desktopApi } from './desktop-api';

export function SetupPanel() {
  const api = desktopApi();
  return (
    <section className="setup-panel" aria-labelledby="setup-title">
      <h2 id="setup-title">Point an agent at Threadtap</h2>
      <p>Run any command with its HTTP clients aimed at the proxy:</p>
      <code>threadtap run -- claude</code>
      <p>Or print the variables for your shell:</p>
      <code>eval "$(threadtap env)"</code>
      {api.openDataFolder && (
        <button type="button" onClick={() => void api.openDataFolder?.()}>
          Open data folder
        </button>
      )}
    </section>
  );
}
