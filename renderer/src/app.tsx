import { SetupPanel } from './setup-panel';

export function App() {
  return (
    <main className="app">
      <h1>Threadtap</h1>
      <p className="tagline">Captures the LLM API calls of your AI agents and rebuilds them into conversations.</p>
      <p className="notice">The session list and timeline UI come later. Capture already works: traffic sent through the proxy is recorded.</p>
      <SetupPanel />
    </main>
  );
}
