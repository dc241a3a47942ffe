// The core: store + capture listener + API + events, with no Electron import. The desktop app,
// `serve` and the tests all start exactly this.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type ForwardRule, type ImportResult, type SystemInfo, type TeamStatus } from '../contract/index.js';
import { createApi } from './api.js';
import { DeliveryService } from './deliveries/delivery-service.js';
import { EndpointService } from './endpoints/endpoint-service.js';
import { SettingsService } from './settings-service.js';
import type { GroupCommitOptions } from './capture/group-commit.js';
import { isStoreUnavailableError } from './store/store-errors.js';
import { DeliveryPipeline, type DeliveryIntake } from './capture/delivery-pipeline.js';
import { defaultCaptureLimits, startCaptureListener, type CaptureLimits, type CaptureListener } from './capture/listener.js';
import { defaultResponseRule } from './endpoints/response-rule.js';
import { EndpointTable } from './endpoints/endpoint-table.js';
import { CoreEvents } from './events/core-events.js';
import { databaseFileIn, packageRoot } from './store/paths.js';
import { openDatabase } from './store/database.js';
import { Checkpointer } from './store/checkpointer.js';
import { DeliveryRepository } from './store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, EndpointRepository, type EndpointRecord } from './store/endpoint-repository.js';
import { ReplayAttemptRepository } from './store/replay-attempt-repository.js';
import { ReplayService } from './replay/replay-service.js';
import { BulkService } from './replay/bulk-service.js';
import { ExportService, type ImportStreamArgs } from './export/export-service.js';
import { FixtureService } from './fixtures/fixture-service.js';
import type { ImportBudget } from './export/import-stream.js';
import { SettingsRepository } from './store/settings-repository.js';
import { VerificationRepository } from './store/verification-repository.js';
import { KeyFileSecretBox, type SecretBox } from './secrets/secret-box.js';
import { VerificationService } from './capture/verification-service.js';
import { TunnelService } from './tunnel-service.js';
import { ResponsePlanner } from './endpoints/response-planner.js';
import { RecognitionRepository } from './store/recognition-repository.js';
import { DocumentRepository } from './store/document-repository.js';
import { FailureCountRepository } from './store/failure-count-repository.js';
import type { FetchDocumentOptions } from './archive/index.js';
import { TUNNEL_LIMITS, type TunnelOptions } from './tunnel/index.js';
import { AnalysisPool, type AnalysisPoolOptions } from './isolation/analysis-pool.js';
import { DecodeService } from './deliveries/decode-service.js';
import type { SnippetTask } from './isolation/analysis-worker.js';
import type { RenderedSnippet } from './export/snippet.js';
import { EnrichRunner, defaultEnrichBudget, type EnrichBudget } from './isolation/enrich-runner.js';
import { AnalysisFailureRepository } from './store/analysis-failure-repository.js';
import { CertificateCache, guardedFetcher, type CertificateFetcher } from './verify/certificate-cache.js';
import { SearchService } from './search/search-service.js';
import { SearchRepository } from './search/search-repository.js';
import { SearchIndexRepository } from './search/search-index-repository.js';
import { SearchIndexer } from './search/search-indexer.js';
import { KEPT_RUNS, realDeliverDeps, TriggerService } from './trigger/index.js';
import { TriggerRunRepository } from './store/trigger-run-repository.js';
import { TeamRepository } from './store/team-repository.js';
import { TeamDocumentRepository } from './store/team-document-repository.js';
import { TeamOutboxRepository } from './store/team-outbox-repository.js';
import { TeamNode, type TeamOptions } from './team/index.js';

export interface CoreOptions {
  dataDir: string;
  captureHost?: string;
  /** 0 picks a free port. */
  capturePort?: number;
  limits?: Partial<CaptureLimits>;
  groupCommit?: GroupCommitOptions;
  /** How signing secrets are sealed at rest; default: a 0600 key file in the data folder. */
  secrets?: SecretBox;
  /** Tunnel supervisor tuning (tests shorten timeouts). */
  tunnel?: Partial<Omit<TunnelOptions, 'localPort' | 'host' | 'subdomain'>>;
  /**
   * Forward rules in force for this run only, by endpoint slug, over the stored ones (`hookscope
   * listen --forward-to`): nothing is written to the endpoint.
   */
  forwardOverrides?: Record<string, ForwardRule>;
  /** Document fetcher options beyond the archive settings (tests inject DNS). */
  archiveFetch?: Partial<FetchDocumentOptions>;
  /**
   * Verify, recognise and archive each delivery after answering it (default true). Off, the core
   * only captures and stores: `npm run bench` uses it to measure the capture path on its own.
   */
  enrichment?: boolean;
  /** The analysis pool where untrusted bodies are read (tests shorten the budget or swap the worker). */
  analysis?: AnalysisPoolOptions & { budget?: Partial<EnrichBudget> };
  /** How certificates named by requests are fetched (default: SSRF-guarded, provider hosts only; tests serve their own). */
  certificateFetcher?: CertificateFetcher;
  /** Randomness for "fail X %" (tests make it deterministic). */
  random?: () => number;
  now?: () => number;
  /** Import worker heap, time and batch sizes (tests shrink them). */
  importBudget?: Partial<ImportBudget>;
  /** Team mode: join the team on this PostgreSQL (docs/team.md); absent: this node runs alone. */
  team?: TeamOptions;
}

export type HookscopeApi = ReturnType<typeof createApi>;

export interface HookscopeCore {
  api: HookscopeApi;
  events: CoreEvents;
  capture: CaptureListener;
  /** The delivery pipeline, for another listener to feed (tests start one marked viaTunnel). */
  intake: DeliveryIntake;
  /** A HAR or JSON export streamed in (the HTTP upload route): parsed off-thread, all or nothing. */
  importStream(args: ImportStreamArgs): Promise<ImportResult>;
  info(): SystemInfo;
  /** Counters for tests and benchmarks: transactions the group commit ran, forwards waiting. */
  stats(): { commits: number; forwardsPending: number };
  /** Resolves when no document is being fetched (tests). */
  documentsSettled(): Promise<void>;
  /** Team mode: resolves after one more replication cycle (tests, benchmarks); at once when alone. */
  teamSettled(): Promise<void>;
  /** Stops the listener, writes what is queued, closes the database. */
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 60_000;
const ALONE: TeamStatus = { enabled: false, node: null, connected: false, shareAll: false, teamKey: false, pendingPush: 0, pushed: 0, pulled: 0, lastError: null };

export const version: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export async function startCore(options: CoreOptions): Promise<HookscopeCore> {
  const now = options.now ?? Date.now;
  const databaseFile = databaseFileIn(options.dataDir);
  const db = openDatabase(databaseFile);
  const checkpointer = new Checkpointer(db, databaseFile);
  const endpoints = new EndpointRepository(db);
  const searchIndex = new SearchIndexRepository(db);
  const deliveries = new DeliveryRepository(db);
  const indexer = new SearchIndexer(searchIndex);
  // What a crash left unindexed (at most the last batch's worth), before anything can search.
  indexer.catchUp();
  const settings = new SettingsRepository(db);
  const verifications = new VerificationRepository(db);
  const attempts = new ReplayAttemptRepository(db);
  const recognitions = new RecognitionRepository(db);
  const documents = new DocumentRepository(db);
  const failures = new AnalysisFailureRepository(db);
  const secrets = options.secrets ?? new KeyFileSecretBox(options.dataDir);
  if (!endpoints.find(DEFAULT_ENDPOINT_SLUG)) {
    endpoints.create(DEFAULT_ENDPOINT_SLUG, 'Default', defaultResponseRule, now(), true);
  }
  const table = new EndpointTable(endpoints, secrets);
  const events = new CoreEvents();
  let tunnel: TunnelService | undefined;
  const publicUrl = () => tunnel?.publicUrl() ?? settings.get().publicUrl;
  const pool = new AnalysisPool(options.analysis);
  const runner = new EnrichRunner(pool, { ...defaultEnrichBudget, ...options.analysis?.budget });
  const planner = new ResponsePlanner(options.random, new FailureCountRepository(db));
  let closed = false;
  const overrides = new Map(Object.entries(options.forwardOverrides ?? {}));
  const forwardRule = (endpoint: EndpointRecord): ForwardRule | null => overrides.get(endpoint.slug) ?? endpoint.forward;
  const replay = new ReplayService({ deliveries, attempts, table, events, now, forwardRule });
  const bulk = new BulkService({ replay, events, now });
  const limits = { ...defaultCaptureLimits, ...options.limits };

  let lastPrune = 0;
  const prune = () => {
    if (closed) return;
    lastPrune = now();
    let deleted = 0;
    try {
      deleted = deliveries.prune(settings.get().retention, lastPrune);
    } catch (error) {
      // Runs on its own turn after a commit: a locked or full store must not end the process; the
      // next commit after the interval tries again.
      if (!isStoreUnavailableError(error)) console.error('hookscope: could not apply retention', error);
      return;
    }
    if (deleted > 0) events.emit('deliveries.pruned', { deleted });
  };
  let verifier: VerificationService | undefined;
  const pipeline = new DeliveryPipeline({
    table,
    deliveries,
    planner,
    events,
    replay,
    indexer,
    forwardRule,
    transaction: (fn) => db.transaction(fn)(),
    groupCommit: options.groupCommit,
    now,
    committed: () => {
      if (now() - lastPrune > PRUNE_INTERVAL_MS) setImmediate(prune);
    },
    enrichment:
      options.enrichment === false
        ? null
        : {
            verifier: { jobFor: (request, stages) => verifier!.jobFor(request, stages), followCertificate: (id, v) => verifier!.followCertificate(id, v) },
            runner,
            pool,
            failures,
            verifications,
            recognitions,
            documents,
            archiveSettings: () => settings.get().archive,
            fetchOptions: options.archiveFetch,
          },
  });
  const certificates = new CertificateCache(options.certificateFetcher ?? guardedFetcher());
  verifier = new VerificationService({ table, deliveries, verifications, failures, runner, certificates, announcer: pipeline.announcer, transaction: (fn) => db.transaction(fn)(), now, publicUrl });
  prune();

  let capture: CaptureListener;
  try {
    capture = await startCaptureListener(
      { host: options.captureHost ?? '127.0.0.1', port: options.capturePort ?? 4400, limits, viaTunnel: false, now },
      pipeline,
    );
  } catch (error) {
    await pool.close();
    await checkpointer.stop();
    db.close();
    throw error;
  }
  pipeline.resumeAnalysis();
  tunnel = new TunnelService({ limits, intake: pipeline, events, now, tunnelOptions: options.tunnel });

  const info = (): SystemInfo => ({
    version,
    captureUrl: capture.url,
    dataDir: options.dataDir,
    databaseFile,
    bodyLimitBytes: limits.bodyLimitBytes,
    publicUrl: publicUrl(),
    tunnelLimits: TUNNEL_LIMITS.map((limit) => ({ ...limit })),
    secretStorage: { kind: secrets.kind, protectsSecrets: secrets.protectsSecrets },
  });
  const exporter = new ExportService({
    renderSnippet: async (request, language, client) => {
      const task: SnippetTask = { kind: 'snippet', request, language, client };
      const outcome = await pool.run<RenderedSnippet>(task, 5_000 + request.body.length / 2048);
      if (!outcome.ok) throw new ApiError('internal', `could not write this delivery as code: ${outcome.reason}`);
      return outcome.value;
    },
    deliveries,
    verifications,
    table,
    endpoint: (slug) => table.bySlug(slug),
    forwardRule,
    captureUrl: () => capture.url,
    version,
    now,
    insert: (batch) => pipeline.ingest(batch),
    discard: (ids) => {
      for (const id of ids) if (deliveries.delete(id) > 0) events.emit('delivery.deleted', { id });
    },
    progressed: (progress) => events.emit('import.progressed', progress),
    importBudget: options.importBudget,
  });
  const decoder = new DecodeService({ deliveries, pool });
  const search = new SearchService({
    deliveries,
    search: new SearchRepository(db),
    index: searchIndex,
    pending: indexer,
    progressed: (progress) => events.emit('search.progressed', progress),
  });
  // A store from before search is indexed in the background; capture and the API serve meanwhile.
  search.startBackfill();
  const storeBytes = () => ['', '-wal'].reduce((sum, suffix) => sum + (statSync(databaseFile + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
  const settingsService = new SettingsService(settings, events, prune);
  const endpointService = new EndpointService({ endpoints, deliveries, recognitions, table, secrets, planner, events, now });
  const teamOutbox = new TeamOutboxRepository(db);
  const delivered = new DeliveryService({
    deliveries,
    verifications,
    recognitions,
    documents,
    failures,
    events,
    updated: (ids) => pipeline.announcer.updated(ids),
    deletions: teamOutbox,
    fetchOptions: options.archiveFetch,
  });
  const team =
    options.team &&
    new TeamNode(options.team, {
      repo: new TeamRepository(db),
      outbox: teamOutbox,
      documents: new TeamDocumentRepository(db),
      documentsChanged: (deliveryId) => events.emit('documents.changed', { deliveryId }),
      endpoints,
      secrets,
      events,
      now,
      replicate: (batch, within) => pipeline.replicate(batch, within),
      attemptStored: (id) => replay.announceStored(id),
      deliveriesUpdated: (ids) => pipeline.announcer.updated(ids),
      endpointSaved: (slug) => endpointService.announce(slug),
      endpointDeleted: (slug) => endpointService.announceDeleted(slug),
      deliveriesDeleted: (ids) => delivered.deletedElsewhere(ids),
      deliveriesCleared: (endpoint) => delivered.clearedElsewhere(endpoint),
      settings: settingsService,
      failureModeChanged: (id) => planner.reset(id),
    });
  const api = createApi({
    endpoints: endpointService,
    delivered,
    settings: settingsService,
    deliveries,
    verifier,
    table,
    tunnel,
    info,
    replay,
    attempts,
    bulk,
    exporter,
    fixtures: new FixtureService({ deliveries, recognitions, table, now }),
    decoder,
    search,
    storeBytes,
    documentFetcher: pipeline,
    trigger: new TriggerService({ table, forwardRule: (endpoint) => replay.forwardRuleOf(endpoint), captureUrl: () => info().captureUrl, deliver: { ...realDeliverDeps, now }, kept: new TriggerRunRepository(db, KEPT_RUNS) }),
    team: () => team?.status() ?? ALONE,
  });
  if (team) team.start();
  // Alone now: a data folder that was a team node stops logging amendments nobody will push.
  else new TeamRepository(db).setAmendLog(false);

  return {
    api,
    events,
    capture,
    intake: pipeline,
    importStream: (args) => exporter.importStream(args),
    info,
    stats: () => ({ commits: pipeline.commits(), forwardsPending: pipeline.forwardsPending() }),
    documentsSettled: () => pipeline.settled(),
    teamSettled: () => team?.settle() ?? Promise.resolve(),
    async close() {
      if (closed) return;
      closed = true;
      await tunnel?.close();
      await capture.close();
      // What was acknowledged is already in SQLite; the team catches up from there on the next start.
      await team?.close();
      // Outbound work stops before the store closes: attempts in flight are cancelled, then stored.
      const forwarding = pipeline.closeForwarding();
      await bulk.close();
      await replay.close();
      await forwarding;
      search.close();
      pipeline.close();
      // The deliveries the drain just committed are announced (and queued for the index) on the
      // next turns; write them, then close the index.
      await new Promise((resolve) => setImmediate(resolve));
      indexer.close();
      await pool.close();
      await checkpointer.stop();
      db.close();
    },
  };
}
