// Enrichment, after the sender has its answer: verify the signature, recognise the provider and
// the event (for duplicate grouping), note how long the sender waited, and archive the documents
// the payload points to at once, because provider links expire within minutes. Every read of the
// body runs in the analysis pool (isolation/), never on this thread; results are written one
// transaction per event-loop turn, one delivery.updated per delivery, and every failure is stored
// as data with its reason.
import { createHash } from 'node:crypto';
import { ApiError, type ArchiveSettings, type DocumentSummary } from '../../contract/index.js';
import { DocumentQueue, fetchDocument, type DocumentClassifier, type DocumentVerdict, type FetchDocumentOptions, type FetchDocumentResult } from '../archive/index.js';
import type { CoreEvents } from '../events/core-events.js';
import type { DeliveryAnnouncer } from './announcer.js';
import type { AnalysisPool } from '../isolation/analysis-pool.js';
import { enrichStages, type BodyDocument, type EnrichJob, type EnrichResult } from '../isolation/analysis-tasks.js';
import type { EnrichRunner } from '../isolation/enrich-runner.js';
import type { DocumentLink } from '../recognize/index.js';
import type { AnalysisFailureRecord, AnalysisFailureRepository } from '../store/analysis-failure-repository.js';
import type { DeliveryRepository, NewDelivery } from '../store/delivery-repository.js';
import type { DocumentRepository } from '../store/document-repository.js';
import type { RecognitionRecord, RecognitionRepository } from '../store/recognition-repository.js';
import type { VerificationRepository } from '../store/verification-repository.js';
import { VerificationService } from './verification-service.js';

export interface EnrichmentQueueDeps {
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Builds each delivery's analysis job with its endpoint's verification settings. */
  verifier: Pick<VerificationService, 'jobFor' | 'followCertificate'>;
  runner: EnrichRunner;
  pool: AnalysisPool;
  verifications: VerificationRepository;
  deliveries: DeliveryRepository;
  recognitions: RecognitionRepository;
  documents: DocumentRepository;
  failures: AnalysisFailureRepository;
  /** documents.changed; delivery.updated goes through the announcer. */
  events: CoreEvents;
  announcer: DeliveryAnnouncer;
  archiveSettings: () => ArchiveSettings;
  now: () => number;
  /** Document fetcher options the settings do not cover (tests inject DNS). */
  fetchOptions?: Partial<FetchDocumentOptions>;
}

/** Deliveries per analysis task, and their bodies' total: one message per burst, not per delivery. */
const BATCH_DELIVERIES = 32;
const BATCH_BYTES = 1024 * 1024;
/** Bodies kept in memory while waiting for analysis; past it they are read back from the store. */
const QUEUED_BODY_BYTES = 64 * 1024 * 1024;
/**
 * Results are written together: one transaction per this many, or per this many ms, whichever
 * comes first (a transaction per event-loop turn cost more than the analysis at a steady rate).
 */
const WRITE_BATCH = 64;
const WRITE_DELAY_MS = 20;
/** A lone delivery waits this long for company before its task goes to the pool (one message per burst). */
const GATHER_MS = 5;
/** Fields merely named like a link get a shorter deadline than documented document links. */
const SPECULATIVE_TIMEOUT_MS = 10_000;
/** Deliveries looked at on start for analysis lost to a crash. */
const BACKLOG_WINDOW = 10_000;

interface Queued {
  id: number;
  delivery: Omit<NewDelivery, 'body'>;
  /** null: dropped from memory while queued; read back from the store when its turn comes. */
  body: Buffer | null;
}

export class EnrichmentQueue {
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private inFlight = 0;
  private results: Array<{ item: Queued; result: EnrichResult }> = [];
  private handled: { id: number; handledMs: number }[] = [];
  private scheduled = false;
  private writeTimer: NodeJS.Timeout | null = null;
  private gathering: NodeJS.Timeout | null = null;
  private gathered = false;
  private closed = false;
  private readonly documentQueue: DocumentQueue;
  private idleWaiters: (() => void)[] = [];
  private readonly classify: DocumentClassifier;

  constructor(private readonly deps: EnrichmentQueueDeps) {
    this.documentQueue = new DocumentQueue(() => this.settle());
    this.classify = (status, contentType, bytes, accept) =>
      deps.pool
        .run<DocumentVerdict>({ kind: 'classify-document', status, contentType, bytes, accept }, 5_000 + bytes.length / 2048)
        .then((outcome) => (outcome.ok ? outcome.value : { ok: false, code: 'unreadable', message: `the file could not be read: ${outcome.reason}`, extra: {} }));
  }

  enqueue(id: number, delivery: NewDelivery): void {
    if (this.closed) return;
    const { body, ...rest } = delivery;
    const keep = this.queuedBytes + body.length <= QUEUED_BODY_BYTES;
    if (keep) this.queuedBytes += body.length;
    this.queue.push({ id, delivery: rest, body: keep ? body : null });
    this.pump();
  }

  /**
   * Fetches a failed document's link again, into the same row (the user asks: the server was down,
   * or loopback is allowed now). The current archive settings apply, and the fetch takes a
   * provider link's place in the queue; "enabled" governs fetching on arrival, not this request.
   */
  refetchDocument(documentId: number): DocumentSummary {
    const document = this.deps.documents.get(documentId);
    if (!document) throw new ApiError('not_found', `no document ${documentId}`);
    if (document.origin !== 'link' || document.sourceUrl === null) throw new ApiError('conflict', 'only a document fetched from a link can be fetched again');
    if (document.state !== 'failed') throw new ApiError('conflict', `document ${documentId} is ${document.state}, not failed`);
    if (this.closed) throw new ApiError('store_unavailable', 'shutting down');
    this.deps.documents.markPending(documentId);
    this.deps.events.emit('documents.changed', { deliveryId: document.deliveryId });
    const link: DocumentLink = { url: document.sourceUrl, field: document.field ?? '', reason: 'known' };
    this.documentQueue.push({
      host: hostOf(link.url),
      priority: 0,
      run: () => this.fetchLink(document.deliveryId, link, this.deps.archiveSettings(), documentId),
      dropped: () => this.failDropped(document.deliveryId, documentId),
    });
    return this.deps.documents.get(documentId)!;
  }

  /** Queues deliveries stored without analysis (a crash between commit and analysis). */
  resumeBacklog(): number {
    const ids = this.deps.deliveries.unanalysed(BACKLOG_WINDOW);
    for (const id of ids) {
      const raw = this.deps.deliveries.raw(id);
      if (!raw) continue;
      const delivery = { endpointId: raw.endpointId, method: raw.method, url: raw.url, rawHeaders: raw.headers, contentType: raw.contentType, rejected: raw.rejected ? 'rejected' : null };
      this.queue.push({ id, delivery: delivery as Queued['delivery'], body: null });
    }
    this.pump();
    return ids.length;
  }

  /** The sender got its answer after `handledMs`. */
  answered(id: number, handledMs: number): void {
    this.handled.push({ id, handledMs });
    this.schedule();
  }

  /** Resolves when nothing is being analysed or fetched (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Writes what has been analysed; what is still in the pool is picked up again on the next start. */
  close(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    if (this.gathering) clearTimeout(this.gathering);
    this.writeTimer = this.gathering = null;
    try {
      if (!this.closed) this.flush();
    } finally {
      this.closed = true;
      this.queue = [];
      this.documentQueue.close();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.gathering === null && this.inFlight === 0 && !this.scheduled && this.documentQueue.queued() === 0 && this.documentQueue.running() === 0;
  }

  /** Hands batches to the pool, keeping two in flight at most; a short batch waits a moment for more. */
  private pump(): void {
    if (this.gathering) return;
    if (this.queue.length > 0 && this.queue.length < BATCH_DELIVERIES && this.inFlight > 0) {
      // The pool is busy anyway: let the queue fill while it works.
      return;
    }
    if (this.queue.length > 0 && this.queue.length < BATCH_DELIVERIES && this.inFlight === 0 && !this.gathered) {
      this.gathering = setTimeout(() => {
        this.gathering = null;
        this.gathered = true;
        this.pump();
        this.gathered = false;
      }, GATHER_MS);
      return;
    }
    while (!this.closed && this.queue.length > 0 && this.inFlight < 2) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.analyse(batch).finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
    }
  }

  private takeBatch(): Queued[] {
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && count < BATCH_DELIVERIES && (count === 0 || bytes < BATCH_BYTES)) {
      const item = this.queue[count++]!;
      bytes += item.body?.length ?? item.delivery.rawHeaders.length;
    }
    // One splice per batch: shift() per item moved the whole backlog each time (measured: ~12 µs per
    // delivery once tens of thousands waited behind a busy pool).
    const batch = this.queue.splice(0, count);
    for (const item of batch) if (item.body) this.queuedBytes -= item.body.length;
    return batch;
  }

  private async analyse(batch: Queued[]): Promise<void> {
    const ready = batch.flatMap((item) => {
      const body = item.body ?? this.deps.deliveries.raw(item.id)?.body;
      return body ? [{ item, job: this.jobOf(item, body) }] : [];
    });
    if (ready.length === 0) return;
    const results = await this.deps.runner.run(ready.map((r) => r.job));
    if (this.closed) return;
    results.forEach((result, i) => this.results.push({ item: ready[i]!.item, result }));
    this.schedule();
  }

  private jobOf(item: Queued, body: Buffer): EnrichJob {
    const d = item.delivery;
    const request = { deliveryId: item.id, endpointId: d.endpointId, method: d.method, url: d.url, headers: d.rawHeaders, body, contentType: d.contentType, rejected: d.rejected !== null };
    return this.deps.verifier.jobFor(request, enrichStages);
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.results.length + this.handled.length >= WRITE_BATCH) {
      if (this.writeTimer) {
        clearTimeout(this.writeTimer);
        this.writeTimer = null;
        this.scheduled = false;
      }
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      this.flush();
    }, WRITE_DELAY_MS);
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const batch = this.results.splice(0);
    const handled = this.handled.splice(0);
    const now = this.deps.now();
    try {
      this.deps.transaction(() => this.write(batch, handled, now));
    } catch (error) {
      // Derived data: a busy database only delays it.
      this.results.unshift(...batch);
      this.handled.unshift(...handled);
      setTimeout(() => this.schedule(), 100).unref();
      if (!(error as { code?: string }).code?.startsWith('SQLITE_BUSY')) console.error('hookscope: could not store enrichment', error);
      return;
    }
    this.deps.announcer.updated(batch.map(({ item }) => item.id));
    for (const { item, result } of batch) if (result.verification) this.deps.verifier.followCertificate(item.id, result.verification);
    for (const { item, result } of batch) this.archive(item, result);
    this.settle();
  }

  private write(batch: Array<{ item: Queued; result: EnrichResult }>, handled: { id: number; handledMs: number }[], now: number): void {
    const verifications = batch.flatMap(({ item, result }) => {
      const verification = VerificationService.unchecked(result, 'none');
      return verification ? [{ deliveryId: item.id, verification }] : [];
    });
    const records: RecognitionRecord[] = batch.flatMap(({ item, result }) => {
      const analysis = result.analysis;
      if (!analysis) return [];
      // An import is a copy of deliveries, not the sender trying again: it is not numbered among the event's attempts.
      const duplicate = item.delivery.imported ? null : analysis.duplicate;
      return [{ deliveryId: item.id, endpointId: item.delivery.endpointId, provider: analysis.provider, dupKey: duplicate?.key ?? null, dupSource: duplicate?.source ?? null }];
    });
    const failures: AnalysisFailureRecord[] = batch.flatMap(({ item, result }) => result.failures.map((f) => ({ deliveryId: item.id, ...f })));
    this.deps.verifications.saveMany(verifications, now);
    if (records.length > 0) this.deps.recognitions.saveMany(records);
    if (failures.length > 0) this.deps.failures.saveMany(failures, now);
    if (handled.length > 0) this.deps.deliveries.setHandledTimes(handled);
  }

  /** The documents a delivery carries (read in the pool) are stored; those it links to are queued. */
  private archive({ id, delivery }: Queued, result: EnrichResult): void {
    this.storeBodyDocuments(id, result.documents ?? []);
    // Links in a replicated delivery were fetched by the node that captured it (provider links are
    // often single-use): fetching them from every node would multiply the provider's traffic.
    if (result.analysis && !delivery.origin) this.queueLinks(id, result.analysis.links);
  }

  /** A PDF posted as the body itself (or a multipart part), read in the pool: stored at once. */
  private storeBodyDocuments(deliveryId: number, documents: BodyDocument[]): void {
    let changed = false;
    for (const pdf of documents) {
      const id = this.deps.documents.addPending({ deliveryId, origin: pdf.source, sourceUrl: null, field: pdf.field, claimedSize: null, claimedPages: null });
      if (id === null) continue;
      const bytes = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength);
      this.deps.documents.finish(id, {
        state: 'archived',
        contentType: pdf.contentType ?? 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        pages: pdf.pages,
        error: null,
        bytes,
        fetchedAt: this.deps.now(),
      });
      changed = true;
    }
    if (changed) this.deps.events.emit('documents.changed', { deliveryId });
  }

  private queueLinks(deliveryId: number, links: DocumentLink[]): void {
    const settings = this.deps.archiveSettings();
    if (!settings.enabled) return;
    for (const link of links) {
      this.documentQueue.push({
        host: hostOf(link.url),
        priority: link.reason === 'known' ? 0 : link.reason === 'pdf-extension' ? 1 : 2,
        run: () => this.fetchLink(deliveryId, link, settings),
        dropped: () => this.dropLink(deliveryId, link),
      });
    }
  }

  /** The queue was full: a documented link is recorded as failed, with a way to understand why. */
  private dropLink(deliveryId: number, link: DocumentLink): void {
    if (this.closed || link.reason === 'url-field') return;
    const id = this.deps.documents.addPending(pendingOf(deliveryId, link));
    if (id !== null) this.failDropped(deliveryId, id);
  }

  private failDropped(deliveryId: number, id: number): void {
    const message = 'not fetched: too many documents were waiting to be fetched (a burst of links); the link was dropped from the queue';
    this.deps.documents.finish(id, { state: 'failed', contentType: null, size: null, sha256: null, pages: null, error: { code: 'queue_full', message }, bytes: null, fetchedAt: this.deps.now() });
    this.deps.events.emit('documents.changed', { deliveryId });
  }

  /** `existing`: the row of a document fetched again; otherwise a row is added (or not, for a speculative link). */
  private async fetchLink(deliveryId: number, link: DocumentLink, settings: ArchiveSettings, existing: number | null = null): Promise<void> {
    // A field merely named like a link is a document only if a PDF comes back: no pending row first.
    const speculative = link.reason === 'url-field';
    const pending = existing ?? (speculative ? null : this.deps.documents.addPending(pendingOf(deliveryId, link)));
    if (!speculative && pending === null) return;
    if (pending !== null && existing === null) this.deps.events.emit('documents.changed', { deliveryId });
    const result = await fetchDocument(link.url, {
      maxBytes: settings.maxBytes,
      timeoutMs: speculative ? Math.min(settings.timeoutMs, SPECULATIVE_TIMEOUT_MS) : settings.timeoutMs,
      maxRedirects: settings.maxRedirects,
      allowLoopback: settings.allowLoopback,
      accept: 'pdf',
      classify: this.classify,
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
    const id = pending ?? this.deps.documents.addPending(pendingOf(deliveryId, link));
    if (id === null) return;
    this.deps.documents.finish(
      id,
      result.state === 'archived'
        ? { state: 'archived', contentType: result.contentType, size: result.size, sha256: result.sha256, pages: result.pages, error: null, bytes: result.bytes, fetchedAt: result.fetchedAt }
        : { state: 'failed', contentType: result.contentType ?? null, size: null, sha256: null, pages: null, error: { code: result.error.code, message: result.error.message }, bytes: null, fetchedAt: result.fetchedAt },
    );
    this.deps.events.emit('documents.changed', { deliveryId });
  }

  private settle(): void {
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function pendingOf(deliveryId: number, link: DocumentLink) {
  return { deliveryId, origin: 'link' as const, sourceUrl: link.url, field: link.field, claimedSize: link.claimedSize ?? null, claimedPages: link.claimedPages ?? null };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
