// Every delivery gets a verification, computed after the sender has its answer (store, then
// answer, then enrich), on an analysis thread: the diagnosis of a mismatch reads the body in
// several ways, and the body is a stranger's. Secrets are opened in the core (endpoint-table.ts)
// and handed to the verifier only.
import type { Verification } from '../../contract/index.js';
import type { DeliveryAnnouncer } from './announcer.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { EnrichJob, EnrichResult, EnrichStage } from '../isolation/analysis-tasks.js';
import type { EnrichRunner } from '../isolation/enrich-runner.js';
import type { CertificateCache } from '../verify/certificate-cache.js';
import { certificateSchemes, FETCH_SECRET, type CertificateScheme } from '../verify/certificates.js';
import type { VerificationConfig } from '../verify/index.js';
import type { AnalysisFailureRepository } from '../store/analysis-failure-repository.js';
import type { DeliveryRepository, RawDelivery } from '../store/delivery-repository.js';
import type { VerificationRepository } from '../store/verification-repository.js';

export interface VerificationServiceDeps {
  table: EndpointTable;
  deliveries: DeliveryRepository;
  verifications: VerificationRepository;
  failures: AnalysisFailureRepository;
  runner: EnrichRunner;
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Certificates that requests name (SNS, PayPal, Adobe I/O), fetched from allowed hosts only. */
  certificates: CertificateCache;
  announcer: DeliveryAnnouncer;
  now: () => number;
  /** The public base URL senders call (tunnel or the publicUrl setting): Twilio signs the URL. */
  publicUrl: () => string | null;
}

/** A request as received, to be analysed. */
export interface VerifiableRequest extends RawDelivery {
  deliveryId: number;
}

/** Re-verifying an endpoint's history goes this many deliveries per task. */
const REVERIFY_BATCH = 64;

export class VerificationService {
  constructor(private readonly deps: VerificationServiceDeps) {}

  /** The job that analyses `request` with its endpoint's current verification settings. */
  jobFor(request: VerifiableRequest, stages: readonly EnrichStage[]): EnrichJob {
    const endpoint = this.deps.table.byId(request.endpointId);
    const config = endpoint ? this.deps.table.verificationConfig(endpoint.id) : null;
    // The verifier joins the base with the raw target (keeping a proxy's path prefix).
    const publicUrl = endpoint?.publicUrl ?? this.deps.publicUrl() ?? null;
    const { body, ...rest } = request;
    const certificates = usesFetchedCertificates(config) ? this.deps.certificates.snapshot() : undefined;
    return { ...rest, body, config, publicUrl, certificates, nowMs: this.deps.now(), stages, diagnose: true };
  }

  /**
   * A verdict that waits for the certificate its request names: fetch it (allowed hosts only,
   * SSRF-guarded, cached), then verify once more. A fetch that fails is said in the reason.
   */
  followCertificate(id: number, verification: Verification): void {
    const url = verification.details.certificateUrl;
    if (verification.status !== 'unverified' || !url || !isCertificateScheme(verification.scheme)) return;
    void this.deps.certificates.ensure(verification.scheme, url).then(async (answer) => {
      if (answer.pem !== undefined) {
        await this.verifyIds([id], false);
        return;
      }
      const reason = `${verification.reason} Fetching it failed: ${answer.error}`;
      this.deps.verifications.saveMany([{ deliveryId: id, verification: { ...verification, reason } }], this.deps.now());
      this.deps.announcer.updated([id]);
    });
  }

  /** A verification for a result whose verify stage failed outright (the check itself could not run). */
  static unchecked(result: EnrichResult, scheme: string): Verification | undefined {
    if (result.verification) return result.verification;
    const failure = result.failures.find((f) => f.stage === 'verify');
    if (!failure) return undefined;
    return {
      scheme,
      status: 'unverified',
      reason: `The signature could not be checked: ${failure.reason}.`,
      details: { signedContentPreview: null, expected: null, received: null, timestamp: null, skewSeconds: null },
    };
  }

  /** Re-verifies one stored delivery now (after a secret changed, or on request). */
  async verifyStored(id: number): Promise<Verification | undefined> {
    const [verification] = await this.verifyIds([id]);
    return verification;
  }

  /** Re-verifies every delivery of an endpoint; returns how many. */
  async verifyEndpoint(slug: string): Promise<number> {
    const ids = this.deps.deliveries.idsOfEndpoint(slug);
    for (let at = 0; at < ids.length; at += REVERIFY_BATCH) await this.verifyIds(ids.slice(at, at + REVERIFY_BATCH));
    return ids.length;
  }

  private async verifyIds(ids: number[], followCertificates = true): Promise<Array<Verification | undefined>> {
    const jobs = ids.flatMap((id) => {
      const raw = this.deps.deliveries.raw(id);
      if (!raw) return [];
      return [this.jobFor({ ...raw, deliveryId: id, contentType: null, rejected: false }, ['verify'])];
    });
    const results = await this.deps.runner.run(jobs);
    const byId = new Map<number, Verification>();
    const now = this.deps.now();
    const changed: number[] = [];
    this.deps.transaction(() => {
      for (const [i, result] of results.entries()) {
        const verification = VerificationService.unchecked(result, jobs[i]!.config?.scheme ?? 'none');
        if (!verification) continue;
        byId.set(result.deliveryId, verification);
        this.deps.verifications.saveMany([{ deliveryId: result.deliveryId, verification }], now);
        const failure = result.failures.find((f) => f.stage === 'verify');
        if (failure) this.deps.failures.saveMany([{ deliveryId: result.deliveryId, ...failure }], now);
        else this.deps.failures.clear(result.deliveryId, 'verify');
        changed.push(result.deliveryId);
      }
    });
    this.deps.announcer.updated(changed);
    if (followCertificates) for (const [id, verification] of byId) this.followCertificate(id, verification);
    return ids.map((id) => byId.get(id));
  }
}

function isCertificateScheme(scheme: string): scheme is CertificateScheme {
  return (certificateSchemes as readonly string[]).includes(scheme);
}

function usesFetchedCertificates(config: VerificationConfig | null): boolean {
  return config !== null && isCertificateScheme(config.scheme) && config.secret.trim().toLowerCase() === FETCH_SECRET;
}
