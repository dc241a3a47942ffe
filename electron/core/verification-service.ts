// Enrichment step 1: every delivery gets a verification, computed after the sender has its answer
// (store, then answer, then enrich) and written in batches like the deliveries themselves.
// Secrets are opened here, in the core, and handed to the verifier only.
import type { DeliverySummary, HeaderPair, Verification } from '../contract/index.js';
import type { CoreEvents } from './events.js';
import type { EndpointTable } from './endpoint-table.js';
import type { DeliveryRepository, NewDelivery } from './store/delivery-repository.js';
import type { VerificationRepository, VerificationRecord } from './store/verification-repository.js';
import { verify } from './verify/index.js';

export interface VerificationServiceDeps {
  table: EndpointTable;
  deliveries: DeliveryRepository;
  verifications: VerificationRepository;
  events: CoreEvents;
  now: () => number;
  /** The public base URL senders call (tunnel or the publicUrl setting): Twilio signs the URL. */
  publicUrl: () => string | null;
}

interface Queued {
  summary: DeliverySummary;
  request: { endpointId: number; method: string; url: string; headers: HeaderPair[]; body: Buffer };
}

export class VerificationService {
  private queue: Queued[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly deps: VerificationServiceDeps) {}

  /** A delivery was just committed: verify it on the next turn, batched with its neighbours. */
  enqueue(summary: DeliverySummary, delivery: NewDelivery): void {
    this.queue.push({
      summary,
      request: { endpointId: delivery.endpointId, method: delivery.method, url: delivery.url, headers: delivery.rawHeaders, body: delivery.body },
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Verifies what is queued now and stops; the core calls it before closing the database. */
  close(): void {
    try {
      if (this.queue.length > 0) this.flush();
    } finally {
      this.closed = true;
    }
    this.queue = [];
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const batch = this.queue.splice(0);
    const records: VerificationRecord[] = batch.map(({ summary, request }) => ({
      deliveryId: summary.id,
      verification: this.compute(request),
    }));
    try {
      this.deps.verifications.saveMany(records, this.deps.now());
    } catch (error) {
      // Verification is derived data: a busy database only delays it. Retry the batch shortly.
      this.queue.unshift(...batch);
      this.scheduled = true;
      setTimeout(() => this.flush(), 100).unref();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return;
      console.error('hookscope: could not store verifications', error);
      return;
    }
    batch.forEach(({ summary }, i) => {
      this.deps.events.emit('delivery.updated', { ...summary, verification: records[i]!.verification.status });
    });
  }

  private compute(request: Queued['request']): Verification {
    const endpoint = this.deps.table.byId(request.endpointId);
    const config = endpoint ? this.deps.table.verificationConfig(endpoint.id) : null;
    // The verifier joins the base with the raw target (keeping a proxy's path prefix).
    const publicUrl = endpoint?.publicUrl ?? this.deps.publicUrl() ?? undefined;
    return verify({ method: request.method, url: request.url, headers: request.headers, body: request.body, publicUrl }, config, this.deps.now);
  }

  /** Re-verifies one stored delivery now (after a secret changed, or on request). */
  verifyStored(id: number): Verification | undefined {
    const request = this.deps.deliveries.raw(id);
    if (!request) return undefined;
    const verification = this.compute(request);
    this.deps.verifications.saveMany([{ deliveryId: id, verification }], this.deps.now());
    const summary = this.deps.deliveries.summary(id);
    if (summary) this.deps.events.emit('delivery.updated', summary);
    return verification;
  }

  /** Re-verifies every delivery of an endpoint; returns how many. */
  verifyEndpoint(slug: string): number {
    const ids = this.deps.deliveries.idsOfEndpoint(slug);
    for (const id of ids) this.verifyStored(id);
    return ids.length;
  }
}

