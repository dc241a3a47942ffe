// Re-signing a replay: the signature headers a provider would send for this exact request now,
// made with the endpoint's secret and scheme, a fresh timestamp (the injected clock) and, where the
// scheme has one, a fresh message id. They replace the original signature headers in place, so
// the rest of the header order is untouched. `valid: false` signs with a wrong key on purpose (same
// fresh timestamp), so a receiver fails on the signature alone.
// The recipes are the verifier's (core/verify): the same HMAC primitives, key readings, template
// filler and Twilio parameter sorting, imported rather than copied, so signing and verifying agree.
import { randomBytes, randomUUID } from 'node:crypto';
import type { HeaderPair, ReplaySigning } from '../../contract/index.js';
import type { ConfigOf, VerificationConfig } from '../verify/index.js';
import { detectScheme } from '../verify/detect.js';
import { fillTemplate } from '../verify/generic-hmac.js';
import { GITHUB_HEADERS } from '../verify/github.js';
import { GOSHIIP_HEADER } from '../verify/goshiip.js';
import { findHeader, mediaType } from '../verify/headers.js';
import { type Algorithm, type Encoding, hmac, sha256Hex, utf8Key } from '../verify/hmac.js';
import { PDF_GORILLA_HEADER } from '../verify/pdfgorilla.js';
import { SHOPIFY_HEADER } from '../verify/shopify.js';
import { SLACK_HEADERS } from '../verify/slack.js';
import { isPublicKeySecret, STANDARD_WEBHOOKS_PREFIXES } from '../verify/standard-webhooks.js';
import { STRIPE_HEADER } from '../verify/stripe.js';
import { sortedParams, TWILIO_HEADER } from '../verify/twilio.js';
import { decodedWhsecKey } from '../verify/whsec.js';
import { setHeader } from './outgoing-headers.js';
import { signProviderHmac } from './resign-providers.js';
import { requestTargetOf } from './request-target.js';

export interface SignInput {
  method: string;
  /** The absolute URL the request goes to (Twilio signs it; {url} templates sign its path and query). */
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

export interface SignOptions {
  nowMs: number;
  /** false: a deliberately wrong signature (bad-signature mode). */
  valid: boolean;
  /** Fresh message ids; injectable for tests. */
  newId?: () => string;
}

export interface Signed {
  /** Usually the input URL; Twilio JSON requests get their bodySHA256 parameter recomputed. */
  url: string;
  headers: HeaderPair[];
  /**
   * The same headers as recorded (stored, returned, announced): a value that carries the secret
   * itself (`header` and `basic` schemes) is masked; HMAC signatures are not secrets and stay.
   */
  recordedHeaders: HeaderPair[];
  signing: ReplaySigning;
}

export const MASKED_SECRET = '[redacted: endpoint secret]';
export const MASKED_BASIC = 'Basic [redacted: endpoint credentials]';

/** The request cannot be signed with this configuration; the message says why (never the secret). */
export class SigningError extends Error {
  override name = 'SigningError';
}

type Concrete = Exclude<VerificationConfig, { scheme: 'auto' }>;

export function signRequest(input: SignInput, config: VerificationConfig, options: SignOptions): Signed {
  const concrete = config.scheme === 'auto' ? detected(input.headers, config) : config;
  const signer = new Signer(input, options);
  const url = signWith(signer, concrete);
  return { url, headers: signer.headers, recordedHeaders: signer.recorded, signing: { scheme: concrete.scheme, valid: options.valid, headers: signer.names } };
}

function detected(headers: HeaderPair[], config: ConfigOf<'auto'>): Concrete {
  const found = detectScheme(headers);
  if (!found) {
    throw new SigningError('The endpoint verifies with "auto" and the delivery carries no known signature header, so there is no scheme to sign with: set the endpoint\'s scheme.');
  }
  return { scheme: found.scheme, secret: config.secret } as Concrete;
}

/** Svix-style message id: `msg_` and 27 base62 characters. */
export function newMessageId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `msg_${[...randomBytes(27)].map((byte) => alphabet[byte % 62]).join('')}`;
}

export class Signer {
  headers: HeaderPair[];
  /** `headers` with secret-bearing values masked, kept position for position. */
  recorded: HeaderPair[];
  readonly names: string[] = [];
  readonly seconds: string;

  constructor(
    readonly input: SignInput,
    readonly options: SignOptions,
  ) {
    this.headers = input.headers;
    this.recorded = input.headers;
    this.seconds = String(Math.floor(options.nowMs / 1000));
  }

  /** Sets a header; `shown` is what the record keeps instead, when the value reveals the secret. */
  set(name: string, value: string, shown: string = value): void {
    this.headers = setHeader(this.headers, name, value);
    this.recorded = setHeader(this.recorded, name, shown);
    const spelled = findHeader(this.headers, name)?.name ?? name;
    if (!this.names.includes(spelled)) this.names.push(spelled);
  }

  /** The key, or for a bad signature the same key with every byte flipped: wrong, same length. */
  key(key: Buffer): Buffer {
    return this.options.valid ? key : Buffer.from(key.map((byte) => byte ^ 0xa5));
  }

  sign(algorithm: Algorithm, key: Buffer, content: Buffer, encoding: Encoding): string {
    return hmac(algorithm, this.key(key), content).toString(encoding);
  }

  text(secret: string): string {
    return this.options.valid ? secret : `wrong-${randomBytes(6).toString('hex')}`;
  }

  newId(): string {
    return (this.options.newId ?? newMessageId)();
  }
}

function signWith(s: Signer, config: Concrete): string {
  const { body } = s.input;
  const key = utf8Key(config.secret);
  switch (config.scheme) {
    case 'stripe': {
      const content = Buffer.concat([Buffer.from(`${s.seconds}.`), body]);
      s.set(STRIPE_HEADER, `t=${s.seconds},v1=${s.sign('sha256', key, content, 'hex')}`);
      return s.input.url;
    }
    case 'standard-webhooks':
      return signStandardWebhooks(s, config);
    case 'github': {
      const legacy = findHeader(s.input.headers, GITHUB_HEADERS[1]) !== null;
      const current = findHeader(s.input.headers, GITHUB_HEADERS[0]) !== null;
      if (current || !legacy) s.set(GITHUB_HEADERS[0], `sha256=${s.sign('sha256', key, body, 'hex')}`);
      if (legacy) s.set(GITHUB_HEADERS[1], `sha1=${s.sign('sha1', key, body, 'hex')}`);
      return s.input.url;
    }
    case 'shopify':
      s.set(SHOPIFY_HEADER, s.sign('sha256', key, body, 'base64'));
      return s.input.url;
    case 'slack': {
      const [signature, timestamp] = SLACK_HEADERS;
      s.set(timestamp, s.seconds);
      s.set(signature, `v0=${s.sign('sha256', key, Buffer.concat([Buffer.from(`v0:${s.seconds}:`), body]), 'hex')}`);
      return s.input.url;
    }
    case 'pdfgorilla':
      s.set(PDF_GORILLA_HEADER, s.sign('sha256', key, body, 'hex'));
      return s.input.url;
    case 'goshiip':
      s.set(GOSHIIP_HEADER, s.sign('sha256', key, body, 'hex'));
      return s.input.url;
    case 'hmac':
      return signGenericHmac(s, config);
    case 'twilio':
      return signTwilio(s, key);
    case 'header':
      // Even a bad value is masked: the record never shows what this header carries.
      s.set(config.header, s.text(config.secret), MASKED_SECRET);
      return s.input.url;
    case 'basic': {
      const user = config.secret.slice(0, config.secret.indexOf(':'));
      const credentials = s.options.valid ? config.secret : `${user}:${s.text('')}`;
      s.set('Authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`, MASKED_BASIC);
      return s.input.url;
    }
    case 'discord':
    case 'sendgrid':
    case 'sns':
    case 'paypal':
    case 'adobe-io':
    case 'plaid':
      throw new SigningError(asymmetricMessage(config.scheme));
    case 'mailgun':
    case 'adyen':
    case 'square':
    case 'paddle':
    case 'zoom':
    case 'linear':
    case 'twitch':
    case 'hubspot':
    case 'zendesk':
    case 'intercom':
      return signProviderHmac(s, config);
  }
  throw new SigningError(`Unknown scheme "${String((config as { scheme: unknown }).scheme)}": set the endpoint's verification again.`);
}

/** New id, timestamp and v1 signature; under svix-* names when the original used those, both when both. */
function signStandardWebhooks(s: Signer, config: ConfigOf<'standard-webhooks'>): string {
  if (isPublicKeySecret(config.secret)) throw new SigningError(asymmetricMessage('standard-webhooks (v1a)'));
  const key = decodedWhsecKey(config.secret);
  if (!key) throw new SigningError('The secret is not base64 after whsec_, as Standard Webhooks secrets are, so it cannot sign.');
  const used = STANDARD_WEBHOOKS_PREFIXES.filter((prefix) => findHeader(s.input.headers, `${prefix}-signature`) !== null);
  const id = s.newId();
  const content = Buffer.concat([Buffer.from(`${id}.${s.seconds}.`), s.input.body]);
  const signature = `v1,${s.sign('sha256', key, content, 'base64')}`;
  for (const prefix of used.length > 0 ? used : (['webhook'] as const)) {
    s.set(`${prefix}-id`, id);
    s.set(`${prefix}-timestamp`, s.seconds);
    s.set(`${prefix}-signature`, signature);
  }
  return s.input.url;
}

/** A fresh timestamp written the way the original was (ms, ISO 8601 or seconds); a fresh id. */
function signGenericHmac(s: Signer, config: ConfigOf<'hmac'>): string {
  const fields = { timestamp: '', id: '', method: s.input.method, url: requestTargetOf(s.input.url), publicUrl: s.input.url };
  if (config.timestampHeader) {
    fields.timestamp = timestampLike(findHeader(s.input.headers, config.timestampHeader)?.value ?? '', s.options.nowMs);
    s.set(config.timestampHeader, fields.timestamp);
  }
  if (config.idHeader) {
    fields.id = randomUUID();
    s.set(config.idHeader, fields.id);
  }
  const keyEncoding = config.keyEncoding ?? 'utf8';
  const key = Buffer.from(config.secret, keyEncoding);
  const content = fillTemplate(config.template ?? '{body}', fields, s.input.body);
  s.set(config.header, `${config.prefix ?? ''}${s.sign(config.algorithm, key, content, config.encoding)}`);
  return s.input.url;
}

export function timestampLike(original: string, nowMs: number): string {
  const trimmed = original.trim();
  if (/^\d{13,}$/.test(trimmed)) return String(nowMs);
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return new Date(nowMs).toISOString();
  return String(Math.floor(nowMs / 1000));
}

/**
 * Twilio signs the URL it calls (here: the target) plus, for forms, the sorted parameters; for
 * other bodies the URL carries the body's SHA-256 in bodySHA256, recomputed here for the body sent.
 */
function signTwilio(s: Signer, key: Buffer): string {
  let url = s.input.url;
  const form = mediaType(s.input.headers) === 'application/x-www-form-urlencoded';
  if (!form && /[?&]bodySHA256=/.test(url)) url = url.replace(/([?&]bodySHA256=)[^&#]*/, `$1${sha256Hex(s.input.body)}`);
  const content = Buffer.from(url + (form ? sortedParams(s.input.body) : ''), 'utf8');
  s.set(TWILIO_HEADER, s.sign('sha1', key, content, 'base64'));
  return url;
}

/**
 * The asymmetric schemes sign with the provider's private key; the endpoint holds only the public
 * half, so a replay cannot carry a fresh signature. As-is replays keep the original one, which
 * still verifies while the body and signed headers are unchanged (and the timestamp is fresh enough).
 */
export function asymmetricMessage(scheme: string): string {
  return `${scheme} signatures are made with the provider's private key and Hookscope holds only the public key, so this request cannot be re-signed: replay it as-is (the original signature still holds for an unchanged body) or choose another scheme to sign with.`;
}
