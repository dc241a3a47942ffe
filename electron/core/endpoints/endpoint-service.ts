// Endpoints, written one way: validate every change, write them, reload the in-memory table the
// listener routes by (and reset what depends on a changed failure mode), then announce. A change
// that fails validation leaves the endpoint as it was. Secrets are sealed before they are stored
// and never come back out.
import { ApiError, type Endpoint, type EndpointStats, type EndpointTraffic, type FailureMode, type ForwardRule, type ParsedArgs, type ProviderProfileKey, type TrafficRange } from '../../contract/index.js';
import { completeResponseRule, defaultResponseRule } from './response-rule.js';
import type { EndpointTable } from './endpoint-table.js';
import type { CoreEvents } from '../events/core-events.js';
import type { ResponsePlanner } from './response-planner.js';
import { secretHint, type SecretBox } from '../secrets/secret-box.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, toEndpoint, type EndpointRecord, type EndpointRepository } from '../store/endpoint-repository.js';
import type { RecognitionRepository } from '../store/recognition-repository.js';
import { verificationConfigSchema } from '../verify/index.js';
import { endpointStats } from './endpoint-stats.js';
import { bucketTraffic, trafficWindow } from './traffic.js';

export interface EndpointServiceDeps {
  endpoints: EndpointRepository;
  deliveries: DeliveryRepository;
  recognitions: RecognitionRepository;
  table: EndpointTable;
  secrets: SecretBox;
  planner: ResponsePlanner;
  events: CoreEvents;
  now: () => number;
}

type VerificationInput = ({ scheme: string; secret?: string } & Record<string, unknown>) | null;
interface EndpointChanges {
  verification?: VerificationInput;
  publicUrl?: string | null;
  forward?: ForwardRule | null;
  failureMode?: FailureMode | null;
  provider?: ProviderProfileKey | null;
  handshakes?: boolean;
  verifyToken?: string | null;
  shared?: boolean;
}

export class EndpointService {
  constructor(private readonly deps: EndpointServiceDeps) {}

  list(): Endpoint[] {
    return this.deps.endpoints.list().map((record) => this.view(record));
  }

  create({ slug, name, response, ...changes }: ParsedArgs<'endpoints.create'>): Endpoint {
    if (this.deps.endpoints.find(slug)) throw new ApiError('conflict', `an endpoint "${slug}" already exists`);
    const write = this.prepareChanges(slug, changes);
    this.deps.endpoints.create(slug, name ?? slug, completeResponseRule(response, defaultResponseRule), this.deps.now());
    write();
    return this.saved(slug);
  }

  update({ slug, name, response, ...changes }: ParsedArgs<'endpoints.update'>): Endpoint {
    const current = this.existing(slug);
    const write = this.prepareChanges(slug, changes);
    this.deps.endpoints.update(slug, name ?? current.name, completeResponseRule(response, current.response));
    write();
    return this.saved(slug);
  }

  delete(slug: string): { deleted: number } {
    if (this.existing(slug).builtIn) throw new ApiError('invalid_argument', `the built-in "${DEFAULT_ENDPOINT_SLUG}" endpoint cannot be deleted`);
    const deleted = this.deps.endpoints.delete(slug);
    this.deps.table.reload();
    this.deps.events.emit('endpoint.deleted', { slug });
    return { deleted };
  }

  stats(slug: string): EndpointStats {
    return endpointStats(this.existing(slug), this.deps);
  }

  traffic(slug: string, range: TrafficRange): EndpointTraffic {
    const endpoint = this.existing(slug);
    const now = this.deps.now();
    const { from, to, bucketMs } = trafficWindow(range, now);
    return bucketTraffic(slug, range, now, this.deps.deliveries.trafficGroups(endpoint.id, from, to, bucketMs));
  }

  /** An endpoint written by another part of the core (team mode applied a team definition): reload and announce. */
  announce(slug: string): void {
    this.saved(slug);
  }

  /** An endpoint team mode deleted (another node deleted it for the team): reload and announce. */
  announceDeleted(slug: string): void {
    this.deps.table.reload();
    this.deps.events.emit('endpoint.deleted', { slug });
  }

  /** The endpoint's record, or not_found. */
  existing(slug: string): EndpointRecord {
    const record = this.deps.endpoints.find(slug);
    if (!record) throw new ApiError('not_found', `no endpoint "${slug}"`);
    return record;
  }

  /** The API's view of an endpoint, with how far its failure mode has got. */
  private view(record: EndpointRecord): Endpoint {
    return { ...toEndpoint(record), failureModeState: this.deps.planner.state(record) };
  }

  private saved(slug: string): Endpoint {
    this.deps.table.reload();
    const endpoint = this.view(this.existing(slug));
    this.deps.events.emit('endpoint.saved', endpoint);
    return endpoint;
  }

  /** Validates every change first, then returns the writes, so a bad change leaves the endpoint as it was. */
  private prepareChanges(slug: string, changes: EndpointChanges): () => void {
    const { endpoints, planner } = this.deps;
    const writeVerification = changes.verification === undefined ? undefined : this.prepareVerification(slug, changes.verification);
    return () => {
      writeVerification?.();
      if (changes.publicUrl !== undefined) endpoints.setPublicUrl(slug, changes.publicUrl);
      if (changes.forward !== undefined) endpoints.setForward(slug, changes.forward);
      if (changes.provider !== undefined) endpoints.setProvider(slug, changes.provider);
      if (changes.shared !== undefined) endpoints.setShared(slug, changes.shared);
      if (changes.handshakes !== undefined || changes.verifyToken !== undefined) {
        const current = endpoints.find(slug);
        endpoints.setHandshakes(slug, changes.handshakes ?? current?.handshakes ?? true, changes.verifyToken === undefined ? (current?.verifyToken ?? null) : changes.verifyToken);
      }
      if (changes.failureMode !== undefined) {
        endpoints.setFailureMode(slug, changes.failureMode);
        const id = endpoints.find(slug)?.id;
        if (id !== undefined) planner.reset(id);
      }
    };
  }

  /**
   * Null removes verification with its secret; otherwise the full config (the new secret, or the
   * stored one when none is given) must pass the verifier's schema.
   */
  private prepareVerification(slug: string, input: VerificationInput): () => void {
    const { endpoints, secrets } = this.deps;
    if (input === null) return () => endpoints.setVerification(slug, null, null, null);
    const { scheme, secret: newSecret, ...options } = input;
    const sealed = endpoints.find(slug)?.secretSealed;
    const secret = newSecret ?? (sealed ? secrets.open(sealed) : undefined);
    if (secret === undefined) throw new ApiError('invalid_argument', `verification: a secret is required for "${scheme}"`);
    const parsed = verificationConfigSchema.safeParse({ ...options, scheme, secret });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Name the field, never echo a value: it could be the secret.
      throw new ApiError('invalid_argument', `verification: ${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`);
    }
    const { scheme: _scheme, secret: _secret, ...checkedOptions } = parsed.data as Record<string, unknown>;
    const stored = { scheme, options: checkedOptions };
    return () => endpoints.setVerification(slug, stored, secrets.seal(secret), secretHint(secret));
  }
}
