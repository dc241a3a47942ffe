// Enrichment, after the sender has its answer: verify the signature, recognise the provider and
// the event (for duplicate grouping), note how long the sender waited, and archive the documents
// the payload points to at once, because provider links expire within minutes. One batch per
// event-loop turn, one transaction per batch, one delivery.updated per delivery; every failure is
// stored as data with its reason.
import { createHash } from 'node:crypto';
import type { ArchiveSettings, DeliverySummary, Verification } from '../contract/index.js';
import type { VerificationRepository } from './store/verification-repository.js';
import type { VerifiableRequest } from './verification-service.js';
import { countPdfPages, fetchDocument, pdfFromBody, type FetchDocumentOptions, type FetchDocumentResult } from './archive/index.js';
import type { CoreEvents } from './events.js';
import { analyze, type DocumentLink } from './recognize/index.js';
import type { DeliveryRepository, NewDelivery } from './store/delivery-repository.js';
import type { DocumentRepository } from './store/document-repository.js';
import type { RecognitionRecord, RecognitionRepository } from './store/recognition-repository.js';

export interface ArrivalServiceDeps {
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  verifyRequest: (request: VerifiableRequest) => Verification;
  verifications: VerificationRepository;
  deliveries: DeliveryRepository;
  recognitions: RecognitionRepository;
  documents: DocumentRepository;
  events: CoreEvents;
  archiveSettings: () => ArchiveSettings;
  now: () => number;
  /** Document fetcher options the settings do not cover (tests inject DNS). */
  fetchOptions?: Partial<FetchDocumentOptions>;
}

/** Documents fetched at once; more wait their turn (a burst must not open hundreds of connections). */
const FETCH_CONCURRENCY = 4;

interface Queued {
  summary: DeliverySummary;
  delivery: NewDelivery;
}

export class ArrivalService {
  private queue: Queued[] = [];
  private handled: { id: number; handledMs: number }[] = [];
  private scheduled = false;
  private closed = false;
  private fetches: (() => Promise<void>)[] = [];
  private activeFetches = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: ArrivalServiceDeps) {}

  enqueue(summary: DeliverySummary, delivery: NewDelivery): void {
    this.queue.push({ summary, delivery });
    this.schedule();
  }

  /** The sender got its answer after `handledMs`. */
  answered(id: number, handledMs: number): void {
    this.handled.push({ id, handledMs });
    this.schedule();
  }

  /** Resolves when no document fetch is running or waiting (tests, shutdown). */
  idle(): Promise<void> {
    if (this.activeFetches === 0 && this.fetches.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    try {
      if (!this.closed) this.flush();
    } finally {
      this.closed = true;
      this.fetches = [];
    }
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const batch = this.queue.splice(0);
    const handled = this.handled.splice(0);
    const verifications = batch.map(({ delivery: d }) =>
      this.deps.verifyRequest({ endpointId: d.endpointId, method: d.method, url: d.url, headers: d.rawHeaders, body: d.body }),
    );
    // A refused delivery (too large, incomplete) is only verified; there is nothing to recognise.
    const analyses = batch.map(({ delivery: d }) =>
      d.rejected === null ? analyze({ headers: d.rawHeaders, body: d.body, contentType: d.contentType }) : null,
    );
    const records: RecognitionRecord[] = batch.flatMap(({ summary, delivery }, i) => {
      const analysis = analyses[i];
      if (!analysis) return [];
      return [{
        deliveryId: summary.id,
        endpointId: delivery.endpointId,
        provider: analysis.provider,
        dupKey: analysis.duplicate?.key ?? null,
        dupSource: analysis.duplicate?.source ?? null,
      }];
    });
    let attempts: Map<number, number | null>;
    try {
      attempts = this.deps.transaction(() => {
        this.deps.verifications.saveMany(batch.map(({ summary }, i) => ({ deliveryId: summary.id, verification: verifications[i]! })), this.deps.now());
        const numbered = records.length > 0 ? this.deps.recognitions.saveMany(records) : new Map<number, number | null>();
        if (handled.length > 0) this.deps.deliveries.setHandledTimes(handled);
        return numbered;
      });
    } catch (error) {
      // Derived data: a busy database only delays it.
      this.queue.unshift(...batch);
      this.handled.unshift(...handled);
      setTimeout(() => this.schedule(), 100).unref();
      if (!(error as { code?: string }).code?.startsWith('SQLITE_BUSY')) console.error('hookscope: could not store enrichment', error);
      return;
    }
    batch.forEach(({ summary, delivery }, i) => {
      const provider = analyses[i]?.provider ?? null;
      this.deps.events.emit('delivery.updated', {
        ...summary,
        verification: verifications[i]!.status,
        provider: provider && { id: provider.id, name: provider.name, event: provider.event, outcome: provider.outcome, summary: provider.summary },
        attempt: attempts.get(summary.id) ?? null,
      });
      if (analyses[i]) this.archive(summary.id, delivery, analyses[i]!.links);
    });
    this.settle();
  }

  /** Stores a PDF posted as the body itself, and queues the fetch of every linked document. */
  private archive(deliveryId: number, delivery: NewDelivery, links: DocumentLink[]): void {
    const settings = this.deps.archiveSettings();
    let changed = false;
    for (const pdf of pdfFromBody(delivery.contentType, delivery.body)) {
      const id = this.deps.documents.addPending({ deliveryId, origin: pdf.source, sourceUrl: null, field: pdf.field, claimedSize: null, claimedPages: null });
      if (id === null) continue;
      const fetched = fetchResultOf(pdf.bytes, pdf.contentType, this.deps.now());
      this.deps.documents.finish(id, fetched);
      changed = true;
    }
    if (changed) this.deps.events.emit('documents.changed', { deliveryId });
    if (!settings.enabled) return;
    for (const link of links) this.fetches.push(() => this.fetchLink(deliveryId, link, settings));
    this.pump();
  }

  private async fetchLink(deliveryId: number, link: DocumentLink, settings: ArchiveSettings): Promise<void> {
    // A field merely named like a link is a document only if a PDF comes back: no pending row first.
    const speculative = link.reason === 'url-field';
    const pending = speculative
      ? null
      : this.deps.documents.addPending({
          deliveryId,
          origin: 'link',
          sourceUrl: link.url,
          field: link.field,
          claimedSize: link.claimedSize ?? null,
          claimedPages: link.claimedPages ?? null,
        });
    if (!speculative && pending === null) return;
    if (pending !== null) this.deps.events.emit('documents.changed', { deliveryId });
    const result = await fetchDocument(link.url, {
      maxBytes: settings.maxBytes,
      timeoutMs: settings.timeoutMs,
      maxRedirects: settings.maxRedirects,
      allowLoopback: settings.allowLoopback,
      accept: 'pdf',
      ...this.deps.fetchOptions,
    }).catch((error: unknown): FetchDocumentResult => ({
      state: 'failed',
      error: { code: 'network_error', message: (error as Error).message },
      finalUrl: link.url,
      redirects: [],
      fetchedAt: this.deps.now(),
      durationMs: 0,
    }));
    if (this.closed) return;
    if (speculative && result.state !== 'archived') return;
    const id =
      pending ??
      this.deps.documents.addPending({ deliveryId, origin: 'link', sourceUrl: link.url, field: link.field, claimedSize: link.claimedSize ?? null, claimedPages: link.claimedPages ?? null });
    if (id === null) return;
    this.deps.documents.finish(
      id,
      result.state === 'archived'
        ? { state: 'archived', contentType: result.contentType, size: result.size, sha256: result.sha256, pages: result.pages, error: null, bytes: result.bytes, fetchedAt: result.fetchedAt }
        : { state: 'failed', contentType: result.contentType ?? null, size: null, sha256: null, pages: null, error: { code: result.error.code, message: result.error.message }, bytes: null, fetchedAt: result.fetchedAt },
    );
    this.deps.events.emit('documents.changed', { deliveryId });
  }

  private pump(): void {
    while (this.activeFetches < FETCH_CONCURRENCY && this.fetches.length > 0 && !this.closed) {
      const next = this.fetches.shift()!;
      this.activeFetches++;
      next()
        .catch((error: unknown) => console.error('hookscope: document archiving failed', error))
        .finally(() => {
          this.activeFetches--;
          this.pump();
          this.settle();
        });
    }
  }

  private settle(): void {
    if (this.activeFetches === 0 && this.fetches.length === 0 && !this.scheduled) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}

function fetchResultOf(bytes: Buffer, contentType: string | null, now: number) {
  return {
    state: 'archived' as const,
    contentType: contentType ?? 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    pages: countPdfPages(bytes),
    error: null,
    bytes,
    fetchedAt: now,
  };
}
