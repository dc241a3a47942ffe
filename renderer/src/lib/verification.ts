// The signature schemes as the settings UI offers them: the contract's list (names.ts) with labels
// and form fields. The core checks every config (electron/core/verify/config.ts).
import type { VerificationScheme, VerificationStatus } from '../../../electron/contract/names.js';

/** The contract's schemes, plus "none" (no verification). */
export type SchemeChoice = 'none' | VerificationScheme;

export type OptionName =
  | 'header'
  | 'algorithm'
  | 'encoding'
  | 'prefix'
  | 'template'
  | 'timestampHeader'
  | 'idHeader'
  | 'keyEncoding'
  | 'toleranceSeconds';

export interface OptionField {
  name: OptionName;
  label: string;
  kind: 'text' | 'number' | 'select';
  /** For selects; the first is the default when the option is required. */
  choices?: readonly string[];
  required?: boolean;
  placeholder?: string;
  help?: string;
}

export interface SchemeInfo {
  id: SchemeChoice;
  label: string;
  /** What the secret is, for this scheme. */
  secretHelp?: string;
  options: readonly OptionField[];
}

const tolerance: OptionField = {
  name: 'toleranceSeconds',
  label: 'Tolerance (s)',
  kind: 'number',
  placeholder: '300',
  help: 'How far the signed timestamp may be from the arrival time.',
};

const headerName = (placeholder: string, help: string): OptionField => ({
  name: 'header',
  label: 'Header',
  kind: 'text',
  required: true,
  placeholder,
  help,
});

export const SCHEMES: readonly SchemeInfo[] = [
  { id: 'none', label: 'None (do not verify)', options: [] },
  {
    id: 'auto',
    label: 'Auto-detect from the headers',
    secretHelp: 'The signing secret; the scheme is picked per delivery from the signature header it carries.',
    options: [tolerance],
  },
  { id: 'pdfgorilla', label: 'PDF Gorilla (x-pdfg-signature)', secretHelp: 'The job’s webhookSecret.', options: [] },
  { id: 'goshiip', label: 'GoShiip (X-Signature)', secretHelp: 'Your GoShiip secret key.', options: [] },
  { id: 'stripe', label: 'Stripe (Stripe-Signature)', secretHelp: 'The endpoint’s signing secret, whsec_…', options: [tolerance] },
  { id: 'github', label: 'GitHub (X-Hub-Signature-256)', secretHelp: 'The webhook secret set on GitHub.', options: [] },
  {
    id: 'standard-webhooks',
    label: 'Standard Webhooks / Svix (webhook-signature)',
    secretHelp: 'The signing secret, whsec_…',
    options: [tolerance],
  },
  { id: 'shopify', label: 'Shopify (X-Shopify-Hmac-Sha256)', secretHelp: 'The app’s client secret.', options: [] },
  { id: 'slack', label: 'Slack (X-Slack-Signature)', secretHelp: 'The app’s signing secret.', options: [tolerance] },
  {
    id: 'twilio',
    label: 'Twilio (X-Twilio-Signature)',
    secretHelp: 'The account’s auth token. Twilio signs the public URL it called: set it below.',
    options: [],
  },
  {
    id: 'hmac',
    label: 'Generic HMAC (any header)',
    secretHelp: 'The shared HMAC key.',
    options: [
      headerName('X-Signature', 'The header carrying the signature.'),
      { name: 'algorithm', label: 'Algorithm', kind: 'select', choices: ['sha256', 'sha1', 'sha512'], required: true },
      { name: 'encoding', label: 'Encoding', kind: 'select', choices: ['hex', 'base64'], required: true },
      { name: 'prefix', label: 'Prefix', kind: 'text', placeholder: 'sha256=', help: 'Text before the signature in the header.' },
      {
        name: 'template',
        label: 'Signed content',
        kind: 'text',
        placeholder: '{body}',
        help: 'What is signed: {body}, {timestamp}, {id}, {method}, {url}.',
      },
      { name: 'timestampHeader', label: 'Timestamp header', kind: 'text', placeholder: 'X-Timestamp', help: 'Fills {timestamp}.' },
      { name: 'idHeader', label: 'ID header', kind: 'text', placeholder: 'X-Webhook-Id', help: 'Fills {id}.' },
      { name: 'keyEncoding', label: 'Key encoding', kind: 'select', choices: ['', 'utf8', 'base64', 'hex'], help: 'How to read the secret; default utf8.' },
      tolerance,
    ],
  },
  {
    id: 'header',
    label: 'Fixed header value (shared token)',
    secretHelp: 'The exact value the header must carry.',
    options: [headerName('Authorization', 'The header that must carry the secret.')],
  },
  { id: 'basic', label: 'HTTP Basic auth', secretHelp: 'user:password', options: [] },
];

export function schemeInfo(id: string): SchemeInfo | undefined {
  return SCHEMES.find((scheme) => scheme.id === id);
}

/** "PDF Gorilla (x-pdfg-signature)" for a known scheme, the raw name otherwise. */
export function schemeLabel(id: string): string {
  if (id === 'none') return 'none';
  return schemeInfo(id)?.label ?? id;
}

/** What the badge says: the status word, or "…" while the core is still verifying. */
export function statusText(status: VerificationStatus | null): string {
  return status ?? '…';
}

export function statusClassName(status: VerificationStatus | null): string {
  return `verification-${status ?? 'pending'}`;
}

export const STATUS_TITLES: Record<VerificationStatus | 'pending', string> = {
  valid: 'Signature valid',
  invalid: 'Signature invalid',
  missing: 'Signature expected but not found',
  unverified: 'Not verified: no secret set for this endpoint',
  pending: 'Verifying…',
};

export function statusTitle(status: VerificationStatus | null): string {
  return STATUS_TITLES[status ?? 'pending'];
}

/** "412 s before arrival" / "3 s after arrival" / "on time". Skew is arrival − timestamp. */
export function describeSkew(skewSeconds: number): string {
  if (skewSeconds === 0) return 'on time (0 s)';
  const abs = Math.abs(skewSeconds);
  const amount = abs >= 120 ? `${abs} s (${formatDuration(abs)})` : `${abs} s`;
  return skewSeconds > 0 ? `${amount} before arrival` : `${amount} after arrival (in the future)`;
}

function formatDuration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400 * 2) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
