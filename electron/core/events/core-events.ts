import { EventEmitter } from 'node:events';
import type { EventMessage, EventName, EventPayloads } from '../../contract/index.js';

export type Listener = (message: EventMessage) => void;

/** The core's announcements; every host (serve's event stream, the IPC bridge) subscribes to all of them. */
export class CoreEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open UI and event stream is a listener; none of them is a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, data: EventPayloads[E]): void {
    this.emitter.emit('message', { event, data } satisfies EventMessage<E>);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }
}
