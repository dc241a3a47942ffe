// What an export hides unless told not to: every known signature header (a valid signature can be
// replayed), credentials (Authorization, Cookie) and the header an endpoint was configured to check
// (for the `header` scheme its value IS the secret). Values are masked, not removed, so the header
// order and the fact that a header was there survive. Secrets themselves are never exported: they
// live sealed in the endpoint table, which exports never read.
import type { HeaderPair, Verification } from '../../contract/index.js';
import { detectionTable } from '../verify/detect.js';
import { GITHUB_HEADERS } from '../verify/github.js';
import { SLACK_HEADERS } from '../verify/slack.js';
import { STANDARD_WEBHOOKS_PREFIXES } from '../verify/standard-webhooks.js';

import { REDACTED } from '../verify/result.js';

export { REDACTED };

const ALWAYS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  ...detectionTable.map((row) => row.header.toLowerCase()),
  ...GITHUB_HEADERS.map((name) => name.toLowerCase()),
  SLACK_HEADERS[0].toLowerCase(),
  ...STANDARD_WEBHOOKS_PREFIXES.map((prefix) => `${prefix}-signature`),
];

export class Redactor {
  private readonly names: Set<string>;

  /** `extra`: header names an endpoint's verification is configured with (hmac, header schemes). */
  constructor(extra: Iterable<string> = []) {
    this.names = new Set([...ALWAYS, ...[...extra].map((name) => name.toLowerCase())]);
  }

  isSecret(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  headers(headers: HeaderPair[]): HeaderPair[] {
    return headers.map(([name, value]) => [name, this.isSecret(name) ? REDACTED : value]);
  }

  /** The computed and received signatures go; the verdict and its reason stay. */
  verification(verification: Verification | null): Verification | null {
    if (!verification) return null;
    return { ...verification, details: { ...verification.details, expected: null, received: null } };
  }
}

/** The header names an endpoint's verification options name (custom HMAC header, shared-value header). */
export function configuredHeaders(options: Record<string, unknown> | undefined): string[] {
  const header = options?.header;
  return typeof header === 'string' ? [header] : [];
}
