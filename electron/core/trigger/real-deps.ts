// The engine's real parts: the replay's sender (one place makes outbound requests), a timer that
// a cancel cuts short, and the wall clock.
import { setTimeout as delay } from 'node:timers/promises';
import { sendRequest } from '../replay/send.js';
import type { DeliverDeps } from './deliver.js';

export const realDeliverDeps: DeliverDeps = {
  send: (outgoing, options) => sendRequest(outgoing, options),
  sleep: async (ms, signal) => {
    try {
      await delay(ms, undefined, { signal });
    } catch {
      // Cancelled: the engine sees the signal and stops.
    }
  },
  now: () => Date.now(),
};
