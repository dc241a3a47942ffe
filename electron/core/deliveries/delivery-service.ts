// Reading and removing what was captured: pages of summaries, one delivery in full with what
// arrived (provider, its place among its event's attempts, analysis failures), its documents.
import { ApiError, type Delivery, type DocumentSummary, type SearchIndexProgress, type StoreStats } from '../../contract/index.js';
import type { CoreEvents } from '../events/core-events.js';
import { groupAttempts } from '../recognize/index.js';
import type { AnalysisFailureRepository } from '../store/analysis-failure-repository.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import type { DocumentRepository } from '../store/document-repository.js';
import type { RecognitionRepository } from '../store/recognition-repository.js';
import type { TeamOutboxRepository } from '../store/team-outbox-repository.js';
import type { VerificationRepository } from '../store/verification-repository.js';
import type { FetchDocumentOptions } from '../archive/index.js';
import { confirmSubscription } from './sns-subscription.js';

export interface DeliveryServiceDeps {
  deliveries: DeliveryRepository;
  verifications: VerificationRepository;
  recognitions: RecognitionRepository;
  documents: DocumentRepository;
  failures: AnalysisFailureRepository;
  events: CoreEvents;
  /** Announces changed deliveries (the pipeline's announcer). */
  updated?: (ids: number[]) => void;
  /**
   * Team mode's log of deletions (store/team-outbox-repository.ts), written in the transaction that
   * deletes: a shared delivery deleted or cleared here is deleted for the team. It logs nothing
   * while the node runs alone.
   */
  deletions?: Pick<TeamOutboxRepository, 'logDeletion' | 'logClear' | 'transaction'>;
  /** Test hooks for the SNS confirmation fetch (resolver, loopback, CA). */
  fetchOptions?: Partial<FetchDocumentOptions>;
}

export class DeliveryService {
  constructor(private readonly deps: DeliveryServiceDeps) {}

  /** Deletes every delivery received before `beforeMs` ("delete older than…"). */
  pruneBefore(beforeMs: number): { deleted: number } {
    const deleted = this.deps.deliveries.deleteBefore(beforeMs);
    if (deleted > 0) this.deps.events.emit('deliveries.pruned', { deleted });
    return { deleted };
  }

  storeStats(databaseBytes: number, searchIndex: SearchIndexProgress): StoreStats {
    return { deliveries: this.deps.deliveries.count(), databaseBytes, searchIndex };
  }

  get(id: number): Delivery {
    const delivery = this.deps.deliveries.get(id);
    if (!delivery) throw new ApiError('not_found', `no delivery ${id}`);
    return { ...delivery, verification: this.deps.verifications.get(id), ...this.whatArrived(id), analysisFailures: this.deps.failures.listFor(id) };
  }

  delete(id: number): { deleted: number } {
    const deleted = this.logged(() => {
      this.deps.deletions?.logDeletion(id);
      return this.deps.deliveries.delete(id);
    });
    if (deleted === 0) throw new ApiError('not_found', `no delivery ${id}`);
    this.deps.events.emit('delivery.deleted', { id });
    return { deleted };
  }

  clear(endpoint: string | undefined): { deleted: number } {
    const deleted = this.logged(() => {
      this.deps.deletions?.logClear(endpoint);
      return this.deps.deliveries.clear(endpoint);
    });
    this.deps.events.emit('deliveries.cleared', { endpoint: endpoint ?? null });
    return { deleted };
  }

  /** Team mode: another node's deletions removed these copies here. */
  deletedElsewhere(ids: readonly number[]): void {
    for (const id of ids) this.deps.events.emit('delivery.deleted', { id });
  }

  /** Team mode: another node's clear of this endpoint removed deliveries here. */
  clearedElsewhere(endpoint: string): void {
    this.deps.events.emit('deliveries.cleared', { endpoint });
  }

  /** The deletion and its log in one transaction (a rolled-back delete leaves nothing to push). */
  private logged(fn: () => number): number {
    return this.deps.deletions ? this.deps.deletions.transaction(fn) : fn();
  }

  /** Amazon SNS: visits the SubscribeURL of a stored SubscriptionConfirmation (see sns-subscription.ts). */
  confirmSubscription(id: number) {
    const { deliveries, updated, fetchOptions } = this.deps;
    return confirmSubscription(id, { deliveries, updated: updated ?? (() => {}), fetchOptions });
  }

  documents(id: number): DocumentSummary[] {
    if (!this.deps.deliveries.summary(id)) throw new ApiError('not_found', `no delivery ${id}`);
    return this.deps.documents.listForDelivery(id);
  }

  document(id: number): { contentType: string | null; body: string; size: number; sha256: string | null } {
    const document = this.deps.documents.get(id);
    const bytes = this.deps.documents.bytes(id);
    if (!document || !bytes) throw new ApiError('not_found', `no archived document ${id}`);
    return { contentType: document.contentType, body: bytes.toString('base64'), size: bytes.length, sha256: document.sha256 };
  }

  /** The provider, and the delivery's place among the attempts of its event. */
  private whatArrived(id: number): Pick<Delivery, 'provider' | 'duplicate'> {
    const recognition = this.deps.recognitions.get(id);
    if (!recognition) return { provider: null, duplicate: null };
    if (recognition.dupKey === null) return { provider: recognition.provider, duplicate: null };
    const event = this.deps.recognitions.eventDeliveries(recognition.endpointId, recognition.dupKey);
    const attempt = groupAttempts(event.map((d) => ({ ...d, key: recognition.dupKey }))).get(id);
    return { provider: recognition.provider, duplicate: attempt ? { ...attempt, source: recognition.dupSource ?? 'unknown' } : null };
  }
}
