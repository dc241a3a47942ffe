import type { SecretBox } from '../secrets/secret-box.js';
import { DEFAULT_ENDPOINT_SLUG, type EndpointRecord, type EndpointRepository } from '../store/endpoint-repository.js';
import type { VerificationConfig } from '../verify/index.js';

/**
 * The core's in-memory view of the endpoints, so routing a request never touches the database,
 * with each endpoint's verification config and its secret opened (main process only). Reloaded
 * whenever the API changes an endpoint.
 */
export class EndpointTable {
  private slugs = new Map<string, EndpointRecord>();
  private byIdMap = new Map<number, EndpointRecord>();
  private configs = new Map<number, VerificationConfig>();

  constructor(
    private readonly repository: EndpointRepository,
    private readonly secrets: SecretBox,
  ) {
    this.reload();
  }

  reload(): void {
    const records = this.repository.list();
    this.slugs = new Map(records.map((e) => [e.slug, e]));
    this.byIdMap = new Map(records.map((e) => [e.id, e]));
    this.configs = new Map();
    for (const e of records) {
      if (!e.verification || !e.secretSealed) continue;
      try {
        const secret = this.secrets.open(e.secretSealed);
        this.configs.set(e.id, { ...e.verification.options, scheme: e.verification.scheme, secret } as VerificationConfig);
      } catch (error) {
        // A key file replaced or a keychain reset: the secret is gone, not the endpoint.
        console.error(`hookscope: cannot open the secret of endpoint "${e.slug}": ${(error as Error).message}`);
      }
    }
  }

  /** The first path segment selects an endpoint; every other path belongs to `default`. */
  endpointFor(path: string): EndpointRecord {
    const firstSegment = path.split('/', 2)[1] ?? '';
    return this.slugs.get(firstSegment) ?? this.slugs.get(DEFAULT_ENDPOINT_SLUG)!;
  }

  bySlug(slug: string): EndpointRecord | undefined {
    return this.slugs.get(slug);
  }

  byId(id: number): EndpointRecord | undefined {
    return this.byIdMap.get(id);
  }

  /** The verifier's config with the secret in clear, or null when none is set. */
  verificationConfig(endpointId: number): VerificationConfig | null {
    return this.configs.get(endpointId) ?? null;
  }
}
