// Live forwarding: every delivery an endpoint accepts goes on to its forward target, one at a time
// per endpoint, in arrival (commit) order, each as a stored attempt with trigger `forward`. The
// queue holds delivery ids only; bodies are read from the store when their turn comes, so a slow
// or dead target costs memory for ids, never for bodies, and never delays the listener.
// With relayResponse, the sender may get the target's answer instead of the endpoint's own: the
// delivery is committed first (store, then answer), and the sender waits at most the rule's
// timeout, counted from the commit, before it gets the endpoint's own response.
import type { ForwardRule, HeaderPair } from '../../contract/index.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import { isHopByHop } from './outgoing-headers.js';
import type { ReplayService } from './replay-service.js';
import type { ReceivedResponse } from './send.js';

/** What the listener sends instead of the endpoint's rule: bytes, not text, so any body relays exactly. */
export interface RelayedResponse {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
}

export interface ForwardServiceDeps {
  table: EndpointTable;
  replay: ReplayService;
  forwardRule: (endpoint: EndpointRecord) => ForwardRule | null;
}

interface Queued {
  deliveryId: number;
  rule: ForwardRule;
  relay: Deferred<ReceivedResponse | null> | null;
}

class Deferred<T> {
  resolve!: (value: T) => void;
  readonly promise = new Promise<T>((resolve) => (this.resolve = resolve));
}

export class ForwardService {
  private readonly queues = new Map<number, Queued[]>();
  private readonly running = new Set<number>();
  private readonly relays = new Map<number, { deferred: Deferred<ReceivedResponse | null>; deadline: number }>();
  private idle: Deferred<void> | null = null;
  private closed = false;

  constructor(private readonly deps: ForwardServiceDeps) {}

  /** A delivery was committed: queue it if its endpoint forwards. Rejected ones (413, incomplete) are not forwarded. */
  enqueue(deliveryId: number, delivery: NewDelivery): void {
    // A replicated delivery is forwarded by the node that captured it, not by every node again.
    if (this.closed || delivery.rejected !== null || delivery.imported || delivery.origin) return;
    const endpoint = this.deps.table.byId(delivery.endpointId);
    const rule = endpoint ? this.deps.forwardRule(endpoint) : null;
    if (!rule) return;
    const relay = rule.relayResponse ? new Deferred<ReceivedResponse | null>() : null;
    if (relay) this.relays.set(deliveryId, { deferred: relay, deadline: performance.now() + rule.timeoutMs });
    const queue = this.queues.get(delivery.endpointId) ?? [];
    queue.push({ deliveryId, rule, relay });
    this.queues.set(delivery.endpointId, queue);
    void this.pump(delivery.endpointId);
  }

  /**
   * For the listener, right after enqueue: the target's response to send back, or null for the
   * endpoint's own (no relay, target failed, or slower than the rule's timeout).
   */
  relay(deliveryId: number): Promise<RelayedResponse | null> | null {
    const entry = this.relays.get(deliveryId);
    if (!entry) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.max(0, entry.deadline - performance.now()));
    });
    return Promise.race([entry.deferred.promise, late]).then((response) => {
      clearTimeout(timer);
      this.relays.delete(deliveryId);
      // A truncated body cannot be relayed faithfully: the sender gets the endpoint's own answer.
      if (!response || response.truncated) return null;
      const headers = response.headers.filter(([name]) => !isHopByHop(name) && name.toLowerCase() !== 'content-length');
      return { status: response.status, headers, body: response.body };
    });
  }

  private async pump(endpointId: number): Promise<void> {
    if (this.running.has(endpointId)) return;
    this.running.add(endpointId);
    try {
      const queue = this.queues.get(endpointId)!;
      while (queue.length > 0 && !this.closed) {
        const item = queue.shift()!;
        let response: ReceivedResponse | null = null;
        try {
          const prepared = this.deps.replay.prepare(item.deliveryId, { target: item.rule.target, appendPath: item.rule.appendPath, mode: 'as-is' });
          const { outcome } = await this.deps.replay.execute(prepared, { trigger: 'forward', timeoutMs: item.rule.timeoutMs });
          response = outcome.response;
        } catch (error) {
          // The delivery was deleted before its turn, or Hookscope is closing: nothing to forward.
          if (!this.closed) console.error(`hookscope: forward of delivery ${item.deliveryId} failed: ${(error as Error).message}`);
        } finally {
          item.relay?.resolve(response);
        }
      }
    } finally {
      this.running.delete(endpointId);
      if (this.running.size === 0) this.idle?.resolve();
    }
  }

  /** How many forwards wait (not counting the ones in flight). */
  pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** Stops forwarding: queued forwards are dropped (the deliveries are stored; replay them later). */
  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) for (const item of queue.splice(0)) item.relay?.resolve(null);
    if (this.running.size > 0) {
      this.idle = new Deferred<void>();
      await Promise.race([this.idle.promise, new Promise((resolve) => setTimeout(resolve, 2_500).unref())]);
    }
  }
}
