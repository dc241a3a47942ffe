// Every delivery gets a verification, computed after the sender has its answer (store, then
// answer, then enrich). Secrets are opened in the core (endpoint-table.ts) and handed to the
// verifier only.
import type { HeaderPair, Verification } from '../contract/index.js';
import type { CoreEvents } from './events.js';
import type { EndpointTable } from './endpoint-table.js';
import type { DeliveryRepository } from './store/delivery-repository.js';
import type { VerificationRepository } from './store/verification-repository.js';
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

/** A request as received, to be verified. */
export interface VerifiableRequest {
  endpointId: number;
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

/**
 * Verification of stored deliveries. New deliveries are verified by the enrichment pass
 * (arrival-service.ts) through verifyRequest(), in the same batch and transaction as recognition.
 */
export class VerificationService {
  constructor(private readonly deps: VerificationServiceDeps) {}

  verifyRequest(request: VerifiableRequest): Verification {
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
    const verification = this.verifyRequest(request);
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

