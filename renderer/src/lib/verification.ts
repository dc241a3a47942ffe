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
  | 'toleranceSeconds'
  | 'webhookId';

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
        help: 'What is signed: {body}, {timestamp}, {id}, {method}, {url}, {publicUrl} (the URL the sender called).',
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
  {
    id: 'discord',
    label: 'Discord (X-Signature-Ed25519)',
    secretHelp: 'The application’s public key: 64 hex characters from the developer portal (not the bot token).',
    options: [tolerance],
  },
  {
    id: 'sendgrid',
    label: 'SendGrid (X-Twilio-Email-Event-Webhook-Signature)',
    secretHelp: 'The verification key from Mail Settings → Signed Event Webhook (a public key, base64).',
    options: [tolerance],
  },
  {
    id: 'sns',
    label: 'Amazon SNS (signed message body)',
    secretHelp: 'The signing certificate (PEM), or “fetch” to use the one the message names (AWS hosts only).',
    options: [{ ...tolerance, placeholder: 'not checked', help: 'Optional: refuse messages older than this (SNS retries keep the original timestamp).' }],
  },
  {
    id: 'paypal',
    label: 'PayPal (PAYPAL-TRANSMISSION-SIG)',
    secretHelp: 'PayPal’s signing certificate (PEM), or “fetch” to use the one at PAYPAL-CERT-URL (PayPal hosts only).',
    options: [
      { name: 'webhookId', label: 'Webhook ID', kind: 'text', required: true, placeholder: 'WH-…', help: 'The webhook’s ID in the PayPal dashboard; it is part of what PayPal signs.' },
      { ...tolerance, placeholder: 'not checked', help: 'Optional: refuse transmissions older than this.' },
    ],
  },
  {
    id: 'adobe-io',
    label: 'Adobe I/O Events (x-adobe-digital-signature-1/2)',
    secretHelp: 'Adobe’s public key(s) as PEM, or “fetch” to use the keys at the paths the request names (static.adobeioevents.com only).',
    options: [],
  },
  {
    id: 'plaid',
    label: 'Plaid (Plaid-Verification JWT)',
    secretHelp: 'The JWK from /webhook_verification_key/get for the JWT’s kid (JSON), or that key as PEM.',
    options: [tolerance],
  },
  {
    id: 'square',
    label: 'Square (x-square-hmacsha256-signature)',
    secretHelp: 'The subscription’s signature key. Square signs the notification URL: set the public URL below.',
    options: [],
  },
  { id: 'adyen', label: 'Adyen (hmacSignature per notification item)', secretHelp: 'The HMAC key from the webhook settings (hex).', options: [] },
  { id: 'paddle', label: 'Paddle (Paddle-Signature)', secretHelp: 'The notification destination’s secret key.', options: [tolerance] },
  { id: 'zoom', label: 'Zoom (x-zm-signature)', secretHelp: 'The app’s secret token.', options: [tolerance] },
  { id: 'mailgun', label: 'Mailgun (signature in the body)', secretHelp: 'The HTTP webhook signing key.', options: [tolerance] },
  { id: 'linear', label: 'Linear (Linear-Signature)', secretHelp: 'The webhook’s signing secret.', options: [{ ...tolerance, placeholder: '60' }] },
  { id: 'twitch', label: 'Twitch EventSub (Twitch-Eventsub-Message-Signature)', secretHelp: 'The secret given when subscribing.', options: [{ ...tolerance, placeholder: '600' }] },
  {
    id: 'hubspot',
    label: 'HubSpot (X-HubSpot-Signature-v3, v2, v1)',
    secretHelp: 'The app’s client secret. v2 and v3 sign the URL HubSpot called: set the public URL below.',
    options: [tolerance],
  },
  { id: 'zendesk', label: 'Zendesk (X-Zendesk-Webhook-Signature)', secretHelp: 'The webhook’s signing secret.', options: [tolerance] },
  { id: 'intercom', label: 'Intercom (X-Hub-Signature, SHA-1)', secretHelp: 'The app’s client secret.', options: [] },
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
