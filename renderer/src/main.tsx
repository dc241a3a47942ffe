import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'react-json-view-lite/dist/index.css';
import './theme/tokens.css';
import './styles.css';
import { desktopClient } from './api/client.js';
import { App } from './App.js';
import { SessionGate } from './features/sign-in/SessionGate.js';
import { ClientContext } from './state/client-context.js';
import { applyTheme, savedTheme } from './theme/theme.js';

// Before the first paint, so a pinned theme never flashes the other one.
applyTheme(document.documentElement, savedTheme());

const desktop = desktopClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {desktop ? (
      <ClientContext.Provider value={desktop}>
        <App />
      </ClientContext.Provider>
    ) : (
      <SessionGate>{(onSessionLost) => <App onSessionLost={onSessionLost} />}</SessionGate>
    )}
  </StrictMode>,
);
