// The response each accepted delivery gets: the endpoint's rule, or what its failure mode makes of
// it. "Fail the first N" counts deliveries since the mode was set (per endpoint) or attempts of the
// same event (per: 'event', from the duplicate key, read before answering).
import type { HeaderPair, SentResponse } from '../contract/index.js';
import { planResponse, type FailureMode } from './capture/failure-modes.js';
import { duplicateKey } from './recognize/index.js';
import type { EndpointRecord } from './store/endpoint-repository.js';

export class ResponsePlanner {
  /** Per endpoint: the mode the count belongs to, and deliveries seen since it was set. */
  private counters = new Map<number, { mode: string; nth: number; events: Map<string, number> }>();

  constructor(private readonly random: () => number = Math.random) {}

  plan(endpoint: EndpointRecord, request: { headers: HeaderPair[]; body: Buffer }): { response: SentResponse; delayMs: number; injected: string | null } {
    const mode = endpoint.failureMode as FailureMode | null;
    if (!mode) {
      const { status, headers, body, delayMs } = endpoint.response;
      return { response: { status, headers: headers.map(([n, v]): HeaderPair => [n, v]), body }, delayMs, injected: null };
    }
    const counter = this.counterFor(endpoint.id, JSON.stringify(mode));
    counter.nth++;
    let attempt: number | undefined;
    if (mode.kind === 'fail-first' && mode.per === 'event') {
      const key = duplicateKey({ headers: request.headers, body: request.body, contentType: null })?.key;
      if (key) {
        attempt = (counter.events.get(key) ?? 0) + 1;
        counter.events.set(key, attempt);
      }
    }
    const planned = planResponse(endpoint.response, mode, { nth: counter.nth, attempt, random: this.random });
    return { response: { status: planned.status, headers: planned.headers, body: planned.body }, delayMs: planned.delayMs, injected: planned.injected };
  }

  /** Setting a failure mode (again) restarts its count. */
  reset(endpointId: number): void {
    this.counters.delete(endpointId);
  }

  private counterFor(endpointId: number, mode: string) {
    let counter = this.counters.get(endpointId);
    if (!counter || counter.mode !== mode) {
      counter = { mode, nth: 0, events: new Map() };
      this.counters.set(endpointId, counter);
    }
    return counter;
  }
}
