// Re-signing for the provider HMAC schemes added with the catalogue (Square … Intercom): a fresh
// timestamp (the injected clock) and id where the scheme has them, signed with the endpoint's key
// by the verifier's own recipes, so signing and verifying cannot drift apart. Schemes whose
// signature lives inside the body (Mailgun, standard Adyen notifications) are refused: re-signing
// would mean rewriting the body, and a replay sends the stored or edited bytes, never others.
import { createHash, randomUUID } from 'node:crypto';
import type { ConfigOf } from '../verify/index.js';
import { ADYEN_HEADER } from '../verify/adyen.js';
import { findHeader } from '../verify/headers.js';
import { hmac, utf8Key } from '../verify/hmac.js';
import { HUBSPOT_HEADERS } from '../verify/hubspot.js';
import { INTERCOM_HEADER } from '../verify/intercom.js';
import { LINEAR_HEADER } from '../verify/linear.js';
import { PADDLE_HEADER } from '../verify/paddle.js';
import { SQUARE_HEADERS } from '../verify/square.js';
import { TWITCH_HEADERS, twitchContent } from '../verify/twitch.js';
import { ZENDESK_HEADERS } from '../verify/zendesk.js';
import { ZOOM_HEADERS, zoomContent } from '../verify/zoom.js';
import { type Signer, SigningError, timestampLike } from './resign.js';

type ProviderHmac = ConfigOf<'square' | 'adyen' | 'paddle' | 'zoom' | 'mailgun' | 'linear' | 'twitch' | 'hubspot' | 'zendesk' | 'intercom'>;

const inBody = (where: string) =>
  `${where} lives inside the body, so re-signing would mean rewriting the body, which a replay never does: replay it as-is (the signature in the body still holds) or edit the signature field yourself.`;

export function signProviderHmac(s: Signer, config: ProviderHmac): string {
  const { body, url } = s.input;
  const key = utf8Key(config.secret);
  const concat = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
  switch (config.scheme) {
    case 'mailgun':
      throw new SigningError(inBody("Mailgun's signature (signature.timestamp, token, signature)"));
    case 'adyen': {
      if (!findHeader(s.input.headers, ADYEN_HEADER)) throw new SigningError(inBody("Adyen's signature (each item's additionalData.hmacSignature)"));
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(config.secret)) throw new SigningError('The Adyen HMAC key is not hex, as Adyen shows it, so it cannot sign.');
      s.set(ADYEN_HEADER, s.sign('sha256', Buffer.from(config.secret, 'hex'), body, 'base64'));
      return url;
    }
    case 'square': {
      const legacy = !findHeader(s.input.headers, SQUARE_HEADERS[0]) && findHeader(s.input.headers, SQUARE_HEADERS[1]) !== null;
      s.set(SQUARE_HEADERS[legacy ? 1 : 0], s.sign(legacy ? 'sha1' : 'sha256', key, concat(url, body), 'base64'));
      return url;
    }
    case 'paddle':
      s.set(PADDLE_HEADER, `ts=${s.seconds};h1=${s.sign('sha256', key, concat(`${s.seconds}:`, body), 'hex')}`);
      return url;
    case 'zoom':
      s.set(ZOOM_HEADERS.timestamp, s.seconds);
      s.set(ZOOM_HEADERS.signature, `v0=${s.sign('sha256', key, zoomContent(s.seconds, body), 'hex')}`);
      return url;
    case 'linear':
      // The body's webhookTimestamp is signed and stays as stored: a receiver checking its age refuses an old one.
      s.set(LINEAR_HEADER, s.sign('sha256', key, body, 'hex'));
      return url;
    case 'twitch': {
      const id = randomUUID();
      const timestamp = new Date(s.options.nowMs).toISOString();
      s.set(TWITCH_HEADERS.id, id);
      s.set(TWITCH_HEADERS.timestamp, timestamp);
      s.set(TWITCH_HEADERS.signature, `sha256=${s.sign('sha256', key, twitchContent(id, timestamp, body), 'hex')}`);
      return url;
    }
    case 'hubspot':
      return signHubSpot(s, key);
    case 'zendesk': {
      const timestamp = new Date(s.options.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
      s.set(ZENDESK_HEADERS.timestamp, timestamp);
      s.set(ZENDESK_HEADERS.signature, s.sign('sha256', key, concat(timestamp, body), 'base64'));
      return url;
    }
    case 'intercom':
      s.set(INTERCOM_HEADER, `sha1=${s.sign('sha1', key, body, 'hex')}`);
      return url;
  }
}

/** v3 unless the original carried only the legacy header; then its version (v1 or v2) again. */
function signHubSpot(s: Signer, key: Buffer): string {
  const { body, url, method } = s.input;
  const legacy = !findHeader(s.input.headers, HUBSPOT_HEADERS.v3) && findHeader(s.input.headers, HUBSPOT_HEADERS.legacy) !== null;
  if (!legacy) {
    const timestamp = timestampLike('0000000000000', s.options.nowMs);
    s.set(HUBSPOT_HEADERS.timestamp, timestamp);
    s.set(HUBSPOT_HEADERS.v3, hmac('sha256', s.key(key), Buffer.concat([Buffer.from(method + url), body, Buffer.from(timestamp)])).toString('base64'));
    return url;
  }
  const version = findHeader(s.input.headers, HUBSPOT_HEADERS.version)?.value.trim().toLowerCase() === 'v2' ? 'v2' : 'v1';
  const prefix = version === 'v2' ? method + url : '';
  s.set(HUBSPOT_HEADERS.legacy, createHash('sha256').update(s.key(key)).update(prefix).update(body).digest('hex'));
  return url;
}
