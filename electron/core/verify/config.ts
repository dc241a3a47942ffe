// Verification settings arrive from a UI (IPC or the HTTP control API) and are stored with the
// endpoint, so they are parsed here as untrusted input: known schemes only, bounded strings, header
// names that are real header names, and templates whose placeholders can be filled.
import { z } from 'zod';
import { verificationSchemes } from '../../contract/names.js';

/** The contract's list: the API, the UI and the verifier agree on one set of names. */
export const schemeNames = verificationSchemes;

export type SchemeName = (typeof schemeNames)[number];

const secret = z.string().min(1).max(4096);
const headerName = z
  .string()
  .max(200)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');
const toleranceSeconds = z.number().int().min(1).max(7 * 24 * 3600).optional();

/** {publicUrl}: the URL the sender called (the endpoint's public URL joined with the request target). */
export const templatePlaceholders = ['body', 'timestamp', 'id', 'method', 'url', 'publicUrl'] as const;

const hmacConfig = z
  .strictObject({
    scheme: z.literal('hmac'),
    secret,
    header: headerName,
    algorithm: z.enum(['sha1', 'sha256', 'sha512']),
    encoding: z.enum(['hex', 'base64']),
    /** Text before the signature in the header, e.g. `sha256=`. */
    prefix: z.string().max(100).optional(),
    /** What is signed; default `{body}`. */
    template: z.string().min(1).max(2000).optional(),
    timestampHeader: headerName.optional(),
    idHeader: headerName.optional(),
    keyEncoding: z.enum(['utf8', 'base64', 'hex']).optional(),
    toleranceSeconds,
  })
  .superRefine((config, ctx) => {
    for (const issue of templateIssues(config)) ctx.addIssue({ code: 'custom', path: ['template'], message: issue });
    if (config.keyEncoding === 'hex' && !/^(?:[0-9a-fA-F]{2})+$/.test(config.secret)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'keyEncoding is hex but the secret is not hex' });
    }
    if (config.keyEncoding === 'base64' && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(config.secret)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'keyEncoding is base64 but the secret is not base64' });
    }
  });

function templateIssues(config: { template?: string | undefined; timestampHeader?: string | undefined; idHeader?: string | undefined }): string[] {
  const names = [...(config.template ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const issues = names
    .filter((name) => !(templatePlaceholders as readonly string[]).includes(name))
    .map((name) => `unknown placeholder {${name}}; use ${templatePlaceholders.map((known) => `{${known}}`).join(', ')}`);
  if (names.includes('timestamp') && !config.timestampHeader) issues.push('{timestamp} needs timestampHeader');
  if (names.includes('id') && !config.idHeader) issues.push('{id} needs idHeader');
  return issues;
}

const plain = <const S extends SchemeName>(scheme: S) => z.strictObject({ scheme: z.literal(scheme), secret });
const timed = <const S extends SchemeName>(scheme: S) =>
  z.strictObject({ scheme: z.literal(scheme), secret, toleranceSeconds });

export const verificationConfigSchema = z.discriminatedUnion('scheme', [
  hmacConfig,
  plain('pdfgorilla'),
  plain('goshiip'),
  timed('stripe'),
  plain('github'),
  timed('standard-webhooks'),
  plain('shopify'),
  timed('slack'),
  plain('twilio'),
  /** The secret is the exact value the header must carry. */
  z.strictObject({ scheme: z.literal('header'), secret, header: headerName }),
  z.strictObject({
    scheme: z.literal('basic'),
    secret: secret.refine((value) => value.includes(':'), 'a Basic secret is user:password'),
  }),
  timed('auto'),
  /** Asymmetric: the secret is the provider's public key (see public-key.ts for the forms read). */
  timed('discord'),
  timed('sendgrid'),
  timed('plaid'),
  /** The secret is the certificate/key PEM(s), or `fetch` (certificates.ts); no tolerance unless set. */
  timed('sns'),
  z.strictObject({ scheme: z.literal('paypal'), secret, toleranceSeconds, webhookId: z.string().min(1).max(200) }),
  plain('adobe-io'),
  /** HMAC recipes with a twist. */
  plain('square'),
  plain('adyen'),
  timed('paddle'),
  timed('zoom'),
  timed('mailgun'),
  timed('linear'),
  timed('twitch'),
  timed('hubspot'),
  timed('zendesk'),
  plain('intercom'),
]);

/** Schemes whose config takes toleranceSeconds (auto hands its own to the scheme it detects). */
export const timedSchemes: ReadonlySet<SchemeName> = new Set(
  verificationConfigSchema.options.filter((option) => 'toleranceSeconds' in option.shape).map((option) => option.shape.scheme.value),
);

export type VerificationConfig = z.infer<typeof verificationConfigSchema>;
export type ConfigOf<S extends SchemeName> = Extract<VerificationConfig, { scheme: S }>;
export type HmacConfig = ConfigOf<'hmac'>;
