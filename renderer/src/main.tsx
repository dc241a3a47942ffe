import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'react-json-view-lite/dist/index.css';
import './styles.css';
import { startClient } from './api/client.js';
import { App } from './App.js';
import { TokenNotice } from './components/TokenNotice.js';
import { ClientContext } from './state/client-context.js';

const startup = startClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {startup.kind === 'ready' ? (
      <ClientContext.Provider value={startup.client}>
        <App />
      </ClientContext.Provider>
    ) : (
      <TokenNotice reason="missing" />
    )}
  </StrictMode>,
);
