// The desktop shell's bridge (exposed by its preload script as `window.hookscope`). The shell
// validates every call against the same contract schemas as the HTTP server does.
import { eventNames, type EventName, type EventPayloads } from '../../../electron/contract/events.js';
import type { MethodName } from '../../../electron/contract/index.js';
import { MAX_IMPORT_TEXT_CHARS } from '../../../electron/contract/names.js';
import { base64ToBytes } from '../lib/base64.js';
import { ApiCallError, asErrorBody, errorMessage, type AnyEvent, type Transport } from './transport.js';

export interface HookscopeBridge {
  /** Resolves with the method's result; rejects (or resolves with `{error}`) on failure. */
  invoke(method: MethodName, args: unknown): Promise<unknown>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (data: EventPayloads[E]) => void): () => void;
}

declare global {
  interface Window {
    hookscope?: HookscopeBridge;
  }
}

function toCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  const body = asErrorBody(error) ?? asErrorBody({ error });
  if (body) return new ApiCallError(body.code, body.message);
  return new ApiCallError('internal', errorMessage(error));
}

export class IpcTransport implements Transport {
  constructor(private readonly bridge: HookscopeBridge) {}

  async invoke(method: MethodName, args: unknown): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.bridge.invoke(method, args);
    } catch (error) {
      throw toCallError(error);
    }
    const failure = asErrorBody(result);
    if (failure) throw new ApiCallError(failure.code, failure.message);
    return result;
  }

  subscribe(...[onEvent, onState]: Parameters<Transport['subscribe']>): () => void {
    // IPC cannot drop events the way a network stream can, so it is live from the start.
    const unsubscribers = eventNames.map((name) =>
      this.bridge.on(name, (data: EventPayloads[typeof name]) => onEvent({ event: name, data } as AnyEvent)),
    );
    onState('live');
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }

  /**
   * IPC carries no streams: the text goes whole (bounded) and the main process parses it off-thread
   * in slices, like an upload.
   */
  async importFile(endpoint: string, file: Blob, importId: string): Promise<unknown> {
    if (file.size > MAX_IMPORT_TEXT_CHARS) {
      throw new ApiCallError('invalid_argument', `The desktop app imports files up to ${MAX_IMPORT_TEXT_CHARS / 1024 / 1024} MiB; use hookscope serve for larger ones.`);
    }
    return this.invoke('deliveries.import', { endpoint, text: await file.text(), importId });
  }

  async rawBody(id: number): Promise<Blob> {
    const delivery = (await this.invoke('deliveries.get', { id })) as { body: string };
    return new Blob([base64ToBytes(delivery.body)]);
  }
}
