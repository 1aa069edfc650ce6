import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// The token in the URL has done its job (the engine set a cookie): keep it out of history and screenshots.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname + location.hash);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
