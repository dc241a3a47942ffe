import { createContext, useContext, useEffect, useState } from 'react';
import type { ConnectionState, HookscopeClient } from '../api/client.js';

export const ClientContext = createContext<HookscopeClient | null>(null);

export function useClient(): HookscopeClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}

export function useConnection(): ConnectionState {
  const client = useClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => client.onConnection(setState), [client]);
  return state;
}
