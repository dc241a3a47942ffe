// Implements the contract over the store and the capture listener's endpoint table.
// Every host calls these after the arguments have passed their schema (contract/methods.ts).
import { ApiError, type Api, type Delivery, type Endpoint, type EndpointStats, type FailureMode, type ForwardRule, type ProviderProfileKey, type SystemInfo } from '../contract/index.js';
import { completeResponseRule, defaultResponseRule } from './capture/response-rule.js';
import type { CoreEvents } from './events.js';
import type { DeliveryRepository } from './store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, toEndpoint, type EndpointRecord, type EndpointRepository } from './store/endpoint-repository.js';
import type { SettingsRepository } from './store/settings-repository.js';
import type { EndpointTable } from './endpoint-table.js';
import type { SecretBox } from './secrets/secret-box.js';
import { secretHint } from './secrets/secret-box.js';
import type { VerificationRepository } from './store/verification-repository.js';
import type { VerificationService } from './verification-service.js';
import type { TunnelService } from './tunnel-service.js';
import { verificationConfigSchema } from './verify/index.js';
import type { ReplayService } from './replay/replay-service.js';
import type { BulkService } from './replay/bulk-service.js';
import type { ReplayAttemptRepository } from './store/replay-attempt-repository.js';
import type { ExportService } from './export/export-service.js';
import type { RecognitionRepository } from './store/recognition-repository.js';
import type { AnalysisFailureRepository } from './store/analysis-failure-repository.js';
import type { DocumentRepository } from './store/document-repository.js';
import type { ResponsePlanner } from './response-planner.js';
import { adobeErrorWindow, deadlineReport, providerProfiles, type ProviderKey } from './capture/failure-modes.js';
import { groupAttempts } from './recognize/index.js';
import type { SearchService } from './search/search-service.js';

export interface ApiDeps {
  endpoints: EndpointRepository;
  deliveries: DeliveryRepository;
  settings: SettingsRepository;
  verifications: VerificationRepository;
  verifier: VerificationService;
  secrets: SecretBox;
  table: EndpointTable;
  tunnel: TunnelService;
  events: CoreEvents;
  info: () => SystemInfo;
  prune: () => void;
  now: () => number;
  replay: ReplayService;
  attempts: ReplayAttemptRepository;
  bulk: BulkService;
  exporter: ExportService;
  recognitions: RecognitionRepository;
  documents: DocumentRepository;
  failures: AnalysisFailureRepository;
  planner: ResponsePlanner;
  search: SearchService;
  /** The database file and its WAL, in bytes. */
  storeBytes: () => number;
}

export function createApi(deps: ApiDeps) {
  const { endpoints, deliveries, settings, table, events, now } = deps;

  type VerificationInput = ({ scheme: string; secret?: string } & Record<string, unknown>) | null;
  type EndpointChanges = {
    verification?: VerificationInput;
    publicUrl?: string | null;
    forward?: ForwardRule | null;
    failureMode?: FailureMode | null;
    provider?: ProviderProfileKey | null;
  };

  /**
   * Checks a verification change before anything is written: null removes verification with its
   * secret; otherwise the full config (the new secret, or the stored one when none is given) must
   * pass the verifier's schema. Returns the write to perform.
   */
  const prepareVerification = (slug: string, input: VerificationInput) => {
    if (input === null) return () => endpoints.setVerification(slug, null, null, null);
    const { scheme, secret: newSecret, ...options } = input;
    const sealed = endpoints.find(slug)?.secretSealed;
    const secret = newSecret ?? (sealed ? deps.secrets.open(sealed) : undefined);
    if (secret === undefined) throw new ApiError('invalid_argument', `verification: a secret is required for "${scheme}"`);
    const parsed = verificationConfigSchema.safeParse({ ...options, scheme, secret });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Name the field, never echo a value: it could be the secret.
      throw new ApiError('invalid_argument', `verification: ${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`);
    }
    const { scheme: _scheme, secret: _secret, ...checkedOptions } = parsed.data as Record<string, unknown>;
    const stored = { scheme, options: checkedOptions };
    return () => endpoints.setVerification(slug, stored, deps.secrets.seal(secret), secretHint(secret));
  };

  /** Validates every change first, then writes them, so a bad change leaves the endpoint as it was. */
  const prepareChanges = (slug: string, changes: EndpointChanges) => {
    const writeVerification = changes.verification === undefined ? undefined : prepareVerification(slug, changes.verification);
    return () => {
      writeVerification?.();
      if (changes.publicUrl !== undefined) endpoints.setPublicUrl(slug, changes.publicUrl);
      if (changes.forward !== undefined) endpoints.setForward(slug, changes.forward);
      if (changes.provider !== undefined) endpoints.setProvider(slug, changes.provider);
      if (changes.failureMode !== undefined) {
        endpoints.setFailureMode(slug, changes.failureMode);
        const id = endpoints.find(slug)?.id;
        if (id !== undefined) deps.planner.reset(id);
      }
    };
  };

  /** The provider, and the delivery's place among the attempts of its event. */
  const whatArrived = (id: number): Pick<Delivery, 'provider' | 'duplicate'> => {
    const recognition = deps.recognitions.get(id);
    if (!recognition) return { provider: null, duplicate: null };
    if (recognition.dupKey === null) return { provider: recognition.provider, duplicate: null };
    const event = deps.recognitions.eventDeliveries(recognition.endpointId, recognition.dupKey);
    const attempts = groupAttempts(event.map((d) => ({ ...d, key: recognition.dupKey })));
    const attempt = attempts.get(id);
    return {
      provider: recognition.provider,
      duplicate: attempt ? { ...attempt, source: recognition.dupSource ?? 'unknown' } : null,
    };
  };

  const TEN_MINUTES = 10 * 60_000;
  const STATS_WINDOW = 24 * 60 * 60_000;
  const endpointStats = (endpoint: EndpointRecord): EndpointStats => {
    const provider = (endpoint.provider ?? deps.recognitions.latestProvider(endpoint.id)) as ProviderKey | null;
    const profile = provider && provider in providerProfiles ? providerProfiles[provider] : null;
    const answers = deliveries.answersSince(endpoint.id, now() - STATS_WINDOW);
    const handled = answers.flatMap((a) => (a.handledMs === null ? [] : [a.handledMs]));
    const adobe =
      provider === 'adobe'
        ? adobeErrorWindow(
            answers.filter((a) => a.at > now() - TEN_MINUTES * 3).map((a) => ({ at: a.at, status: a.status, body: a.body })),
            now(),
          )
        : null;
    return {
      slug: endpoint.slug,
      provider: profile ? provider : null,
      deadline: deadlineReport(profile?.deadlineMs ?? null, handled),
      adobe: adobe && {
        errorsLast10Min: adobe.errorsLast10Min,
        blockAt: adobe.blockAt,
        remaining: adobe.remaining,
        blocked: adobe.blocked,
        blockedUntil: adobe.blockedUntil === null ? null : new Date(adobe.blockedUntil).toISOString(),
      },
    };
  };

  const existing = (slug: string) => {
    const record = endpoints.find(slug);
    if (!record) throw new ApiError('not_found', `no endpoint "${slug}"`);
    return record;
  };
  /** The API's view of an endpoint, with how far its failure mode has got. */
  const view = (record: EndpointRecord): Endpoint => ({ ...toEndpoint(record), failureModeState: deps.planner.state(record) });
  const saved = (slug: string): Endpoint => {
    table.reload();
    const endpoint = view(existing(slug));
    events.emit('endpoint.saved', endpoint);
    return endpoint;
  };

  return {
    'endpoints.list': () => ({ endpoints: endpoints.list().map(view) }),

    'endpoints.create': ({ slug, name, response, ...changes }) => {
      if (endpoints.find(slug)) throw new ApiError('conflict', `an endpoint "${slug}" already exists`);
      const write = prepareChanges(slug, changes);
      endpoints.create(slug, name ?? slug, completeResponseRule(response, defaultResponseRule), now());
      write();
      return saved(slug);
    },

    'endpoints.update': ({ slug, name, response, ...changes }) => {
      const current = existing(slug);
      const write = prepareChanges(slug, changes);
      endpoints.update(slug, name ?? current.name, completeResponseRule(response, current.response));
      write();
      return saved(slug);
    },

    'endpoints.verify': ({ slug }) => {
      existing(slug);
      return deps.verifier.verifyEndpoint(slug).then((verified) => ({ verified }));
    },

    'endpoints.delete': ({ slug }) => {
      if (existing(slug).builtIn) throw new ApiError('invalid_argument', `the built-in "${DEFAULT_ENDPOINT_SLUG}" endpoint cannot be deleted`);
      const deleted = endpoints.delete(slug);
      table.reload();
      events.emit('endpoint.deleted', { slug });
      return { deleted };
    },

    'deliveries.list': ({ endpoint, limit, before, q }) => {
      const endpointId = endpoint === undefined ? undefined : existing(endpoint).id;
      return deps.search.list({ q, endpoint, endpointId, before, limit });
    },

    'deliveries.matches': ({ q, endpoint, ids }) => {
      const endpointId = endpoint === undefined ? undefined : existing(endpoint).id;
      return { ids: deps.search.matches({ q, endpointId, ids }) };
    },

    'deliveries.prune': ({ before }) => {
      const deleted = deliveries.deleteBefore(Date.parse(before));
      if (deleted > 0) events.emit('deliveries.pruned', { deleted });
      return { deleted };
    },

    'store.stats': () => ({ deliveries: deliveries.count(), databaseBytes: deps.storeBytes(), searchIndex: deps.search.progress() }),

    'deliveries.get': ({ id }) => {
      const delivery = deliveries.get(id);
      if (!delivery) throw new ApiError('not_found', `no delivery ${id}`);
      return { ...delivery, verification: deps.verifications.get(id), ...whatArrived(id), analysisFailures: deps.failures.listFor(id) };
    },

    'endpoints.stats': ({ slug }) => endpointStats(existing(slug)),

    'documents.list': ({ id }) => {
      if (!deliveries.summary(id)) throw new ApiError('not_found', `no delivery ${id}`);
      return deps.documents.listForDelivery(id);
    },

    'documents.content': ({ id }) => {
      const document = deps.documents.get(id);
      const bytes = deps.documents.bytes(id);
      if (!document || !bytes) throw new ApiError('not_found', `no archived document ${id}`);
      return { contentType: document.contentType, body: bytes.toString('base64'), size: bytes.length, sha256: document.sha256 };
    },

    'deliveries.verify': async ({ id }) => {
      const verification = await deps.verifier.verifyStored(id);
      if (!verification) throw new ApiError('not_found', `no delivery ${id}`);
      return verification;
    },

    'deliveries.delete': ({ id }) => {
      const deleted = deliveries.delete(id);
      if (deleted === 0) throw new ApiError('not_found', `no delivery ${id}`);
      events.emit('delivery.deleted', { id });
      return { deleted };
    },

    'deliveries.clear': ({ endpoint }) => {
      if (endpoint !== undefined) existing(endpoint);
      const deleted = deliveries.clear(endpoint);
      events.emit('deliveries.cleared', { endpoint: endpoint ?? null });
      return { deleted };
    },

    'deliveries.export': (args) => deps.exporter.export(args),

    'deliveries.snippet': (args) => deps.exporter.snippet(args),

    'deliveries.import': (args) => {
      existing(args.endpoint);
      return deps.exporter.import(args);
    },

    'replay.send': async ({ id, target, mode, method, path, headers, body, appendPath, timeoutMs, requestId }) => {
      const prepared = deps.replay.prepare(id, {
        target,
        mode,
        method,
        path,
        headers,
        body: body === undefined ? undefined : Buffer.from(body, 'base64'),
        appendPath,
      });
      const { summary } = await deps.replay.execute(prepared, { trigger: 'manual', timeoutMs, requestId });
      const attempt = summary && deps.attempts.get(summary.id);
      if (!attempt) throw new ApiError('not_found', `delivery ${id} was deleted while it was being replayed`);
      return attempt;
    },

    'replay.list': ({ id, limit, before }) => {
      if (!deliveries.summary(id)) throw new ApiError('not_found', `no delivery ${id}`);
      const page = deps.attempts.list(id, { before, limit });
      return { attempts: page, nextBefore: page.length === limit ? page[page.length - 1]!.id : null };
    },

    'replay.get': ({ id }) => {
      const attempt = deps.attempts.get(id);
      if (!attempt) throw new ApiError('not_found', `no replay attempt ${id}`);
      return attempt;
    },

    'replay.cancel': ({ requestId }) => ({ cancelled: deps.replay.cancel(requestId) }),

    'bulk.start': ({ ids, endpoint, target, mode, appendPath, concurrency, ratePerSecond, timeoutMs }) => {
      let selected: number[];
      if (endpoint !== undefined) {
        existing(endpoint);
        selected = deliveries.idsOfEndpoint(endpoint);
      } else {
        selected = ids ?? [];
        const missing = selected.find((id) => !deliveries.summary(id));
        if (missing !== undefined) throw new ApiError('not_found', `no delivery ${missing}`);
      }
      if (target === undefined) {
        // Refuse up front rather than fail every item: each delivery's endpoint must have a forward target.
        const slugs = new Set(selected.map((id) => deliveries.summary(id)?.endpoint ?? ''));
        const without = [...slugs].find((slug) => {
          const record = table.bySlug(slug);
          return !record || !(deps.replay.forwardRuleOf(record));
        });
        if (without !== undefined) throw new ApiError('invalid_argument', `no target: give one, or set a forward target on endpoint "${without}"`);
      }
      return deps.bulk.start({ ids: selected, target, mode, appendPath, concurrency, ratePerSecond, timeoutMs });
    },

    'bulk.status': ({ id }) => deps.bulk.status(id),

    'bulk.cancel': ({ id }) => deps.bulk.cancel(id),

    'settings.get': () => settings.get(),

    'settings.update': ({ retention, tunnel, publicUrl, archive }) => {
      const current = settings.get();
      const next = settings.save({
        retention: { ...current.retention, ...retention },
        tunnel: { ...current.tunnel, ...tunnel },
        publicUrl: publicUrl === undefined ? current.publicUrl : publicUrl,
        archive: { ...current.archive, ...archive },
      });
      if (retention) deps.prune();
      return next;
    },

    'tunnel.status': () => deps.tunnel.status(),

    'tunnel.start': ({ host, subdomain }) => {
      const saved = settings.get().tunnel;
      return deps.tunnel.start(host ?? saved.host, subdomain ?? saved.subdomain);
    },

    'tunnel.stop': () => deps.tunnel.stop(),

    'system.info': () => deps.info(),
  } satisfies Api;
}
