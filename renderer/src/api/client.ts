// The renderer's ONE way to reach the core, typed from the contract. Which transport carries it
// (HTTP + SSE from `hookscope serve`, or the desktop shell's IPC bridge) is decided at startup.
import type { ImportResult, MethodArgs, MethodName, MethodResult } from '../../../electron/contract/index.js';
import { HttpTransport } from './http-transport.js';
import { IpcTransport } from './ipc-transport.js';
import type { AnyEvent, ConnectionState, Transport } from './transport.js';

export { ApiCallError, errorMessage, type AnyEvent, type ConnectionState } from './transport.js';

export interface HookscopeClient {
  invoke<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /** Contract events; returns the unsubscribe function. */
  on(handler: (event: AnyEvent) => void): () => void;
  /** The event feed's state; called at once with the current one. Returns the unsubscribe function. */
  onConnection(handler: (state: ConnectionState) => void): () => void;
  rawBody(id: number): Promise<Blob>;
  /** A HAR or Hookscope JSON file into an endpoint; `import.progressed` events carry `importId`. */
  importFile(endpoint: string, file: Blob, importId: string): Promise<ImportResult>;
}

/** Shares one event subscription among all handlers; it opens with the first and closes with the last. */
export function createClient(transport: Transport): HookscopeClient {
  const eventHandlers = new Set<(event: AnyEvent) => void>();
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let stop: (() => void) | null = null;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const handler of [...stateHandlers]) handler(next);
  };
  const retain = () => {
    stop ??= transport.subscribe((event) => {
      for (const handler of [...eventHandlers]) handler(event);
    }, setState);
  };
  const release = () => {
    if (eventHandlers.size > 0 || stateHandlers.size > 0 || !stop) return;
    stop();
    stop = null;
    state = 'connecting';
  };

  return {
    invoke: (method, args) => transport.invoke(method, args) as Promise<MethodResult<typeof method>>,
    on(handler) {
      eventHandlers.add(handler);
      retain();
      return () => {
        eventHandlers.delete(handler);
        release();
      };
    },
    onConnection(handler) {
      stateHandlers.add(handler);
      handler(state);
      retain();
      return () => {
        stateHandlers.delete(handler);
        release();
      };
    },
    rawBody: (id) => transport.rawBody(id),
    importFile: (endpoint, file, importId) => transport.importFile(endpoint, file, importId) as Promise<ImportResult>,
  };
}

/** The desktop shell's bridge; null in a browser, where the page signs in to the HTTP API first. */
export function desktopClient(): HookscopeClient | null {
  return window.hookscope ? createClient(new IpcTransport(window.hookscope)) : null;
}

/** The HTTP API of `hookscope serve`, once the browser has a session. */
export function httpClient(): HookscopeClient {
  return createClient(new HttpTransport());
}
