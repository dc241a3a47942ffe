// The one path a delivery takes, captured, tunnelled, imported or replicated from a team node. Its
// steps, in order: plan the answer → commit → announce → relay → record the answer → index and enrich
// "Store, then answer": the sender's answer waits for the commit (group commit: one transaction
// per event-loop turn). Announcing (announcer.ts) is the only place delivery events are emitted.
// Forwarding and enrichment are owned here and start after the commit; neither can delay a sender
// beyond the relay's own timeout, and enrichment reads the body on worker threads.
import { ApiError, type DocumentSummary, type ForwardRule, type SentResponse } from '../../contract/index.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { CoreEvents } from '../events/core-events.js';
import type { ReplayService } from '../replay/replay-service.js';
import type { PlannedAnswer, ResponsePlanner } from '../endpoints/response-planner.js';
import { ForwardService, type RelayedResponse } from '../replay/forward-service.js';
import type { DeliveryRepository, NewDelivery } from '../store/delivery-repository.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import { DeliveryAnnouncer } from './announcer.js';
import { EnrichmentQueue, type EnrichmentQueueDeps } from './enrichment-queue.js';
import { GroupCommitter, type GroupCommitOptions } from './group-commit.js';

/** What a listener needs of the pipeline: three calls. */
export interface DeliveryIntake {
  /** The endpoint a request path belongs to (the built-in `default` when no slug matches). */
  endpointFor(path: string): EndpointRecord;
  /** The answer an accepted delivery will get: the endpoint's rule, or what its failure mode makes of it. */
  planAnswer(endpoint: EndpointRecord, request: Pick<NewDelivery, 'method' | 'url' | 'rawHeaders' | 'body'>): PlannedAnswer;
  /** Commits the delivery; resolves once it is durable, or rejects (StoreUnavailableError) and nothing was kept. */
  receive(delivery: NewDelivery): Promise<Receipt>;
}

/** A committed delivery, as the listener answers it. */
export interface Receipt {
  id: number;
  /** A forward target's answer to send instead of the planned one (relayResponse), or null. */
  relayed: Promise<RelayedResponse | null> | null;
  /** The sender has its answer: what it got, `handledMs` after its request arrived. */
  answered(handledMs: number, relayed?: RelayedResponse): void;
}

export interface DeliveryPipelineDeps {
  table: EndpointTable;
  deliveries: DeliveryRepository;
  planner: ResponsePlanner;
  events: CoreEvents;
  /** What the enrichment needs; null: capture and store only (`npm run bench` measures the capture path alone). */
  enrichment: Omit<EnrichmentQueueDeps, 'announcer' | 'events' | 'deliveries' | 'transaction' | 'now'> | null;
  /** The search index, written behind the answer in batches (search/search-indexer.ts). */
  indexer: { enqueue(id: number, delivery: NewDelivery): void };
  /** Live forwarding: replays each new delivery to its endpoint's forward target. */
  replay: ReplayService;
  forwardRule: (endpoint: EndpointRecord) => ForwardRule | null;
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  groupCommit?: GroupCommitOptions;
  now: () => number;
  /** After each committed batch (retention runs from here). */
  committed?: () => void;
}

export class DeliveryPipeline implements DeliveryIntake {
  readonly announcer: DeliveryAnnouncer;
  private readonly committer: GroupCommitter<NewDelivery, number>;
  private readonly forwarder: ForwardService;
  private readonly enrichment: EnrichmentQueue | null;

  constructor(private readonly deps: DeliveryPipelineDeps) {
    this.announcer = new DeliveryAnnouncer(deps.events, deps.deliveries);
    this.forwarder = new ForwardService({ table: deps.table, replay: deps.replay, forwardRule: deps.forwardRule });
    this.enrichment =
      deps.enrichment &&
      new EnrichmentQueue({ ...deps.enrichment, announcer: this.announcer, events: deps.events, deliveries: deps.deliveries, transaction: deps.transaction, now: deps.now });
    this.committer = new GroupCommitter<NewDelivery, number>((batch) => {
      const ids = deps.deliveries.insertMany(batch);
      deps.committed?.();
      return ids;
    }, { now: deps.now, ...deps.groupCommit });
  }

  endpointFor(path: string): EndpointRecord {
    return this.deps.table.endpointFor(path);
  }

  planAnswer(endpoint: EndpointRecord, request: Pick<NewDelivery, 'method' | 'url' | 'rawHeaders' | 'body'>): PlannedAnswer {
    const secret = this.deps.table.verificationConfig(endpoint.id)?.secret ?? null;
    return this.deps.planner.plan(endpoint, { method: request.method, url: request.url, headers: request.rawHeaders, body: request.body }, secret);
  }

  async receive(delivery: NewDelivery): Promise<Receipt> {
    const id = await this.committer.enqueue(delivery);
    this.announce(id, delivery);
    return {
      id,
      // A handshake Hookscope answered is not relayed: the forward target's answer would replace it.
      relayed: delivery.rejected === null && !delivery.handshake ? this.forwarder.relay(id) : null,
      answered: (handledMs, relayed) => this.recordAnswer(id, handledMs, relayed),
    };
  }

  /** Imported deliveries: one transaction for the batch, then the same steps a captured one takes after its commit. */
  ingest(batch: NewDelivery[]): number[] {
    const ids = this.deps.transaction(() => this.deps.deliveries.insertMany(batch));
    ids.forEach((id, i) => this.announce(id, batch[i]!));
    return ids;
  }

  /**
   * Deliveries another team node captured (team/), with their origin set: stored in the caller's
   * transaction (with its pull high-water mark, `within`), then announced and analysed like any.
   * They are neither copies (they count among an event's attempts: duplicates are the team's) nor
   * this node's to forward or to fetch documents for (the node that captured them does).
   */
  replicate(batch: NewDelivery[], within: (ids: number[]) => void): number[] {
    const ids = this.deps.transaction(() => {
      const inserted = this.deps.deliveries.insertMany(batch);
      // Failed on purpose by the node that captured it: "fail the first N" counts over the team.
      for (const d of batch) if (d.failedScope != null) this.deps.planner.countReplicated(d.endpointId, d.failedScope);
      within(inserted);
      return inserted;
    });
    ids.forEach((id, i) => this.announce(id, batch[i]!));
    return ids;
  }

  /** Transactions the group commit ran (tests, benchmarks). */
  commits(): number {
    return this.committer.transactions;
  }

  /** Forwards waiting or running (tests, benchmarks). */
  forwardsPending(): number {
    return this.forwarder.pending();
  }

  /** Queues deliveries stored without analysis (a crash between commit and analysis); returns how many. */
  resumeAnalysis(): number {
    return this.enrichment?.resumeBacklog() ?? 0;
  }

  /** A failed document's link fetched again (`documents.refetch`). */
  refetchDocument(documentId: number): DocumentSummary {
    if (!this.enrichment) throw new ApiError('conflict', 'documents are not fetched in this mode (enrichment is off)');
    return this.enrichment.refetchDocument(documentId);
  }

  /** Resolves when nothing is being analysed or fetched (tests). */
  settled(): Promise<void> {
    return this.enrichment?.idle() ?? Promise.resolve();
  }

  /** Outbound forwards are cancelled and stored; call before the replay service closes. */
  closeForwarding(): Promise<void> {
    return this.forwarder.close();
  }

  /** Writes what is queued and what has been analysed (shutdown, before the store closes). */
  close(): void {
    this.committer.drain();
    this.enrichment?.close();
  }

  private announce(id: number, delivery: NewDelivery): void {
    const endpoint = this.deps.table.byId(delivery.endpointId);
    this.announcer.stored(id, endpoint?.slug ?? 'default', delivery);
    this.deps.indexer.enqueue(id, delivery);
    this.enrichment?.enqueue(id, delivery);
    this.forwarder.enqueue(id, delivery);
  }

  /** How long the sender waited (deadline reports), and what it got when a forward's answer was relayed. */
  private recordAnswer(id: number, handledMs: number, relayed?: RelayedResponse): void {
    this.enrichment?.answered(id, handledMs);
    if (!relayed) return;
    const response: SentResponse = { status: relayed.status, headers: relayed.headers, body: relayed.body.toString('utf8') };
    this.deps.deliveries.setResponse(id, response);
    this.announcer.updated([id]);
  }
}
