// The contract's methods, each mapped to the service that implements it. Every host calls these
// through callMethod, after the arguments have passed their schema (contract/methods.ts).
import { ApiError, type Api, type SystemInfo, type TeamStatus } from '../contract/index.js';
import type { DeliveryService } from './deliveries/delivery-service.js';
import type { EndpointService } from './endpoints/endpoint-service.js';
import type { DecodeService } from './deliveries/decode-service.js';
import type { ExportService } from './export/export-service.js';
import type { FixtureService } from './fixtures/fixture-service.js';
import type { BulkService } from './replay/bulk-service.js';
import { sendReplay, startBulk, type ReplayRequestDeps } from './replay/replay-requests.js';
import type { SettingsService } from './settings-service.js';
import type { ReplayAttemptRepository } from './store/replay-attempt-repository.js';
import type { TunnelService } from './tunnel-service.js';
import type { VerificationService } from './capture/verification-service.js';
import type { SearchService } from './search/search-service.js';
import type { DeliveryPipeline } from './capture/delivery-pipeline.js';
import type { TriggerService } from './trigger/index.js';

export interface ApiDeps extends ReplayRequestDeps {
  endpoints: EndpointService;
  deliveries: ReplayRequestDeps['deliveries'];
  delivered: DeliveryService;
  verifier: VerificationService;
  settings: SettingsService;
  tunnel: TunnelService;
  exporter: ExportService;
  fixtures: FixtureService;
  bulk: BulkService;
  attempts: ReplayAttemptRepository;
  info: () => SystemInfo;
  decoder: DecodeService;
  search: SearchService;
  /** The database file and its WAL, in bytes. */
  storeBytes: () => number;
  /** Fetches a failed document's link again (the enrichment queue's document fetcher). */
  documentFetcher: Pick<DeliveryPipeline, 'refetchDocument'>;
  trigger: TriggerService;
  /** Team mode's status (a node alone says enabled: false). */
  team: () => TeamStatus;
}

export function createApi(deps: ApiDeps) {
  const { endpoints, delivered, verifier, settings, exporter } = deps;
  /** An endpoint named by a filter must exist. */
  const known = (slug: string | undefined) => {
    if (slug !== undefined) endpoints.existing(slug);
  };
  const idOf = (slug: string | undefined) => (slug === undefined ? undefined : endpoints.existing(slug).id);
  return {
    'endpoints.list': () => ({ endpoints: endpoints.list() }),
    'endpoints.create': (args) => endpoints.create(args),
    'endpoints.update': (args) => endpoints.update(args),
    'endpoints.verify': async ({ slug }) => (known(slug), { verified: await verifier.verifyEndpoint(slug) }),
    'endpoints.delete': ({ slug }) => endpoints.delete(slug),
    'endpoints.stats': ({ slug }) => endpoints.stats(slug),
    'endpoints.traffic': ({ slug, range }) => endpoints.traffic(slug, range),

    'deliveries.list': ({ endpoint, ...page }) => deps.search.list({ ...page, endpoint, endpointId: idOf(endpoint) }),
    'deliveries.matches': ({ q, endpoint, ids }) => ({ ids: deps.search.matches({ q, endpointId: idOf(endpoint), ids }) }),
    'deliveries.prune': ({ before }) => delivered.pruneBefore(Date.parse(before)),
    'store.stats': () => delivered.storeStats(deps.storeBytes(), deps.search.progress()),
    'deliveries.get': ({ id }) => delivered.get(id),
    'deliveries.verify': async ({ id }) => {
      const verification = await verifier.verifyStored(id);
      if (!verification) throw new ApiError('not_found', `no delivery ${id}`);
      return verification;
    },
    'deliveries.confirm': ({ id }) => delivered.confirmSubscription(id),
    'deliveries.delete': ({ id }) => delivered.delete(id),
    'deliveries.clear': ({ endpoint }) => (known(endpoint), delivered.clear(endpoint)),
    'deliveries.export': (args) => exporter.export(args),
    'deliveries.snippet': (args) => exporter.snippet(args),
    'deliveries.import': (args) => (known(args.endpoint), exporter.import(args)),
    'fixtures.export': (args) => deps.fixtures.export(args),

    'documents.list': ({ id }) => delivered.documents(id),
    'documents.content': ({ id }) => delivered.document(id),
    'documents.refetch': ({ id }) => deps.documentFetcher.refetchDocument(id),
    'deliveries.decoded': ({ id }) => deps.decoder.decodedBody(id),

    'replay.send': (args) => sendReplay(deps, args),
    'replay.list': ({ id, limit, before }) => {
      if (!deps.deliveries.summary(id)) throw new ApiError('not_found', `no delivery ${id}`);
      const page = deps.attempts.list(id, { before, limit });
      return { attempts: page, nextBefore: page.length === limit ? page[page.length - 1]!.id : null };
    },
    'replay.get': ({ id }) => {
      const attempt = deps.attempts.get(id);
      if (!attempt) throw new ApiError('not_found', `no replay attempt ${id}`);
      return attempt;
    },
    'replay.cancel': ({ requestId }) => ({ cancelled: deps.replay.cancel(requestId) }),

    'bulk.start': (args) => startBulk(deps, args),
    'bulk.status': ({ id }) => deps.bulk.status(id),
    'bulk.cancel': ({ id }) => deps.bulk.cancel(id),

    'trigger.templates': ({ provider }) => deps.trigger.templates(provider),
    'trigger.preview': ({ template }) => deps.trigger.preview(template),
    'trigger.send': (args) => deps.trigger.send(args),
    'trigger.runs': ({ slug, limit }) => deps.trigger.list(slug, limit),

    'settings.get': () => settings.get(),
    'settings.update': (args) => settings.update(args),

    'tunnel.status': () => deps.tunnel.status(),
    'tunnel.start': ({ host, subdomain }) => {
      const saved = settings.get().tunnel;
      return deps.tunnel.start(host ?? saved.host, subdomain ?? saved.subdomain);
    },
    'tunnel.stop': () => deps.tunnel.stop(),

    'system.info': () => deps.info(),
    'team.status': () => deps.team(),
  } satisfies Api;
}
