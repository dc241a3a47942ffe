// What the client needs from a way of reaching the core: the HTTP API of `hookscope serve`
// today, the desktop shell's IPC bridge later. Both speak the same contract.
import type { EventName, EventPayloads, MethodName } from '../../../electron/contract/index.js';

/** A contract event with its payload, discriminated on `event` so a switch narrows `data`. */
export type AnyEvent = { [E in EventName]: { event: E; data: EventPayloads[E] } }[EventName];

/**
 * `connecting`: not yet subscribed; `live`: events are flowing; `reconnecting`: the stream broke
 * and events may be missed until it is `live` again; `unauthorized`: the session is gone (e.g. `serve` restarted).
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface Transport {
  invoke(method: MethodName, args: unknown): Promise<unknown>;
  /** Starts the event feed; returns the function that stops it. */
  subscribe(onEvent: (event: AnyEvent) => void, onState: (state: ConnectionState) => void): () => void;
  /** The captured body bytes of one delivery. */
  rawBody(id: number): Promise<Blob>;
  /** Imports a HAR or Hookscope JSON file into an endpoint; progress comes as `import.progressed` events. */
  importFile(endpoint: string, file: Blob, importId: string): Promise<unknown>;
}

/** Every failure of a call: the contract's `{error: {code, message}}`, or a transport failure. */
export class ApiCallError extends Error {
  constructor(
    /** A contract ErrorCode, or a transport-level code such as `network` or `http_502`. */
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads a `{error: {code, message}}` body; null when the value is not one. */
export function asErrorBody(value: unknown): { code: string; message: string } | null {
  if (typeof value !== 'object' || value === null || !('error' in value)) return null;
  const error = (value as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}
