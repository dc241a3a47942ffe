// Where the key comes from for schemes whose request names the URL of its certificate (Amazon
// SNS's SigningCertURL, PayPal's PAYPAL-CERT-URL, Adobe I/O's key paths). That URL is written by
// whoever posted the request, so it is a request to fetch something on an attacker's behalf and
// to trust what comes back: only https URLs on the provider's documented hosts are allowed (a
// forged message could otherwise name a certificate the forger made). The verifier never fetches:
// with the secret `fetch` it reads the certificate from input.certificates (filled by
// certificate-cache.ts, outside the verifier) or answers `unverified` naming the URL; otherwise
// the secret is the pasted PEM(s), for offline use.
import type { KeyObject } from 'node:crypto';
import type { Verification } from '../../contract/index.js';
import { readPublicKeys } from './public-key.js';
import { clip, invalid, verification } from './result.js';
import type { VerificationInput } from './types.js';

export const certificateSchemes = ['sns', 'paypal', 'adobe-io'] as const;
export type CertificateScheme = (typeof certificateSchemes)[number];

/** The secret that means "use the certificate at the URL the request names". */
export const FETCH_SECRET = 'fetch';

interface HostRule {
  host: RegExp;
  path?: RegExp;
  /** For the reason: where this provider's certificates live. */
  where: string;
}

/** Amazon SNS's hosts (sns.<region>.amazonaws.com, .com.cn in China): the pattern AWS's own sns-validator uses. */
export const SNS_HOST = /^sns\.[a-z0-9-]{3,}\.amazonaws\.com(\.cn)?$/i;

/** Documented hosts only. SNS: the host above, plus sns-validator's `.pem` rule. */
export const certificateHosts: Record<CertificateScheme, HostRule> = {
  sns: { host: SNS_HOST, path: /\.pem$/i, where: 'https://sns.<region>.amazonaws.com/….pem' },
  paypal: { host: /^api(-m)?(\.sandbox)?\.paypal\.com$/i, where: 'https://api.paypal.com, api-m.paypal.com or their sandbox hosts' },
  'adobe-io': { host: /^static\.adobeioevents\.com$/i, where: 'https://static.adobeioevents.com' },
};

/** null when the URL may be fetched for this scheme; else one sentence saying why not. */
export function certificateUrlProblem(scheme: CertificateScheme, url: string): string | null {
  const rule = certificateHosts[scheme];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The certificate URL "${clip(url, 120)}" is not a URL.`;
  }
  const allowed =
    parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && rule.host.test(parsed.hostname) && (rule.path?.test(parsed.pathname) ?? true);
  if (allowed) return null;
  return `The certificate host is not allowed: the request names ${clip(url, 160)}, and this provider's certificates come only from ${rule.where}; a forged message names its own certificate.`;
}

export type KeySource = { keys: KeyObject[]; verdict?: undefined } | { keys?: undefined; verdict: Verification };

/**
 * The keys to verify with: the pasted PEM(s), or with `fetch` the certificate cached for `url`.
 * The URL is checked against the provider's hosts either way, as the providers' own validators do.
 */
export function certificateKeys(scheme: CertificateScheme, secret: string, input: VerificationInput, url: string, received: string): KeySource {
  const problem = certificateUrlProblem(scheme, url);
  if (problem) return { verdict: invalid(scheme, problem, { received }) };
  const shape = `the provider's certificate (PEM), or "${FETCH_SECRET}" to use the one at the URL the request names`;
  if (secret.trim().toLowerCase() === FETCH_SECRET) {
    const cached = input.certificates?.[url];
    if (cached === undefined) {
      const reason = `The signing certificate is at ${clip(url, 200)} and has not been fetched yet, so the signature was not checked; it is verified once the certificate is fetched (or paste it as the secret).`;
      return { verdict: verification(scheme, 'unverified', reason, { received, certificateUrl: url }) };
    }
    const read = readPublicKeys(cached, 'rsa', 'an RSA certificate');
    return read.keys ? { keys: read.keys } : { verdict: invalid(scheme, `The certificate fetched from ${clip(url, 200)} is not a usable RSA certificate.`, { received }) };
  }
  const read = readPublicKeys(secret, 'rsa', shape);
  return read.keys ? { keys: read.keys } : { verdict: invalid(scheme, read.problem, { received }) };
}
