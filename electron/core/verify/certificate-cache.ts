// Threat model. The one file under verify/ that does I/O, and it is never imported by the
// verifier (index.ts stays pure): the core calls it between two verifications. It fetches the
// certificate a request names (SNS SigningCertURL, PAYPAL-CERT-URL, Adobe key paths) — a URL an
// attacker wrote — so: only URLs certificates.ts allows for the scheme (https, the provider's own
// hosts), through the archive's SSRF-guarded fetchDocument (every address checked before connect,
// no loopback or private ranges, DNS pinned), no redirects (a redirect could leave the allowed
// host), 64 KiB at most, ten seconds. What comes back is kept as text and parsed only by the
// verifier on the analysis pool; here it is only checked to look like PEM.
import { type FetchDocumentOptions, fetchDocument } from '../archive/index.js';
import { type CertificateScheme, certificateUrlProblem } from './certificates.js';

export type CertificateAnswer = { pem: string; error?: undefined } | { pem?: undefined; error: string };
export type CertificateFetcher = (url: string) => Promise<CertificateAnswer>;

const MAX_BYTES = 64 * 1024;
const PEM = /^\s*-----BEGIN (CERTIFICATE|PUBLIC KEY)-----[A-Za-z0-9+/=\s]+-----END \1-----\s*$/;

/** fetchDocument with the limits above; `options` lets tests pin DNS or allow loopback. */
export function guardedFetcher(options: Partial<FetchDocumentOptions> = {}): CertificateFetcher {
  return async (url) => {
    const result = await fetchDocument(url, { allowLoopback: false, maxBytes: MAX_BYTES, timeoutMs: 10_000, maxRedirects: 0, accept: 'any', ...options });
    if (result.state === 'failed') return { error: `the certificate could not be fetched: ${result.error.message}` };
    const text = result.bytes.toString('ascii');
    return PEM.test(text) ? { pem: text } : { error: 'what the certificate URL returned is not a PEM certificate or public key' };
  };
}

/**
 * Certificates by URL, fetched once (concurrent asks share one fetch), oldest dropped past
 * `maxEntries`. Failures are not cached: the next delivery asks again.
 */
export class CertificateCache {
  private readonly held = new Map<string, string>();
  private readonly pending = new Map<string, Promise<CertificateAnswer>>();

  constructor(
    private readonly fetcher: CertificateFetcher = guardedFetcher(),
    private readonly maxEntries = 64,
  ) {}

  /** What the verifier reads: VerificationInput.certificates. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.held);
  }

  async ensure(scheme: CertificateScheme, url: string): Promise<CertificateAnswer> {
    const problem = certificateUrlProblem(scheme, url);
    if (problem) return { error: problem };
    const held = this.held.get(url);
    if (held !== undefined) return { pem: held };
    const running = this.pending.get(url) ?? this.fetchOnce(url);
    this.pending.set(url, running);
    return running;
  }

  private async fetchOnce(url: string): Promise<CertificateAnswer> {
    try {
      const answer = await this.fetcher(url);
      if (answer.pem !== undefined) this.keep(url, answer.pem);
      return answer;
    } catch (error) {
      return { error: `the certificate could not be fetched: ${(error as Error).message}` };
    } finally {
      this.pending.delete(url);
    }
  }

  private keep(url: string, pem: string): void {
    this.held.set(url, pem);
    while (this.held.size > this.maxEntries) this.held.delete(this.held.keys().next().value as string);
  }
}
