// Endpoint-validation handshakes, answered for the user before their delivery is answered by the
// endpoint's rule: Slack, Zoom, Twitch, Microsoft Graph, Meta/WhatsApp, Dropbox and Asana each
// check that the URL they were given answers a challenge their way; Amazon SNS asks for a visit to
// its SubscribeURL, which waits for the user's click (DeliveryService.confirmSubscription).
//
// Threat model: runs on the capture thread, before the answer, on a request anyone who knows the
// capture URL can send. It runs only for endpoints whose provider or scheme has a handshake (and
// not with `handshakes: false`); it reads the query and a header, and parses the body only for
// the kinds that carry their challenge in JSON and only up to MAX_HANDSHAKE_BODY bytes (JSON.parse
// is linear and does not recurse; the walk after it reads two fixed fields). Echoed text goes back
// as text/plain with nosniff, so a browser pointed at the URL cannot be made to run it. The
// secret is used only as an HMAC key (Zoom) or compared in constant time (Meta's verify token).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { listedProvider, type HandshakeInfo, type HandshakeKind, type HeaderPair, type SentResponse } from '../../contract/index.js';

/** Largest body read before the answer to find a challenge (the planner's other read allows 256 KiB). */
export const MAX_HANDSHAKE_BODY = 64 * 1024;

export interface HandshakeRequest {
  method: string;
  /** The raw request target: path and query. */
  url: string;
  headers: readonly HeaderPair[];
  body: Buffer;
}

export interface HandshakeKeys {
  /** The endpoint's verification secret in clear (Zoom's secret token), or null. */
  secret: string | null;
  /** Meta's verify token; null: the secret is the token. */
  verifyToken: string | null;
}

export interface HandshakeAnswer {
  /** null: answer with the endpoint's own rule (SNS, and handshakes Hookscope cannot answer without a secret). */
  response: SentResponse | null;
  handshake: HandshakeInfo;
}

/** The handshake an endpoint's provider sends, or its scheme's provider (a Slack scheme: Slack's). */
export function handshakeKindOf(endpoint: { provider: string | null; verification: { scheme: string } | null }): HandshakeKind | null {
  if (endpoint.provider) return listedProvider(endpoint.provider)?.handshake ?? null;
  const scheme = endpoint.verification?.scheme;
  const sameName = scheme ? listedProvider(scheme) : undefined;
  return sameName?.verification?.scheme === scheme ? (sameName?.handshake ?? null) : null;
}

const text = (body: string, status = 200): SentResponse => ({
  status,
  headers: [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Content-Type-Options', 'nosniff'],
  ],
  body,
});
const json = (value: unknown): SentResponse => ({ status: 200, headers: [['Content-Type', 'application/json']], body: JSON.stringify(value) });
const info = (kind: HandshakeKind, answered: string, confirmed: boolean | null = null): HandshakeInfo => ({ kind, answered, confirmed });

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function queryOf(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

/** The body as a JSON object, if it is one and small enough to read before answering. */
function smallJson(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0 || body.length > MAX_HANDSHAKE_BODY) return null;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const stringAt = (record: Record<string, unknown> | null, key: string): string | null => {
  const value = record?.[key];
  return typeof value === 'string' ? value : null;
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The answer to this request if it is the endpoint's handshake; null when it is an ordinary delivery. */
export function answerHandshake(kind: HandshakeKind, request: HandshakeRequest, keys: HandshakeKeys): HandshakeAnswer | null {
  switch (kind) {
    case 'slack-url-verification': {
      const body = smallJson(request.body);
      const challenge = stringAt(body, 'challenge');
      if (stringAt(body, 'type') !== 'url_verification' || challenge === null) return null;
      // As Slack's Bolt answers it (HTTPModuleFunctions.buildUrlVerificationResponse).
      return { response: json({ challenge }), handshake: info(kind, 'echoed the challenge as {"challenge": …} (application/json)') };
    }
    case 'zoom-url-validation': {
      const body = smallJson(request.body);
      if (stringAt(body, 'event') !== 'endpoint.url_validation') return null;
      const payload = body?.payload;
      const plainToken = typeof payload === 'object' && payload !== null ? stringAt(payload as Record<string, unknown>, 'plainToken') : null;
      if (plainToken === null) return null;
      if (!keys.secret) return { response: null, handshake: info(kind, "not answered: set the endpoint's secret to Zoom's secret token") };
      const encryptedToken = createHmac('sha256', keys.secret).update(plainToken).digest('hex');
      return { response: json({ plainToken, encryptedToken }), handshake: info(kind, 'answered plainToken and its HMAC-SHA256 (encryptedToken) with the secret token') };
    }
    case 'twitch-verification': {
      if (headerValue(request.headers, 'Twitch-Eventsub-Message-Type') !== 'webhook_callback_verification') return null;
      const challenge = stringAt(smallJson(request.body), 'challenge');
      if (challenge === null) return null;
      return { response: text(challenge), handshake: info(kind, 'echoed the challenge as text/plain') };
    }
    case 'graph-validation': {
      const token = queryOf(request.url).get('validationToken');
      if (token === null) return null;
      return { response: text(token), handshake: info(kind, 'echoed validationToken as text/plain') };
    }
    case 'meta-subscribe': {
      const query = queryOf(request.url);
      const challenge = query.get('hub.challenge');
      if (query.get('hub.mode') !== 'subscribe' || challenge === null) return null;
      const expected = keys.verifyToken ?? keys.secret;
      if (!expected) return { response: text('no verify token is set for this endpoint', 403), handshake: info(kind, 'refused (403): no verify token or secret is set') };
      if (!sameText(query.get('hub.verify_token') ?? '', expected)) {
        return { response: text('hub.verify_token does not match', 403), handshake: info(kind, 'refused (403): hub.verify_token does not match') };
      }
      return { response: text(challenge), handshake: info(kind, 'verify token matched: echoed hub.challenge as text/plain') };
    }
    case 'dropbox-challenge': {
      const challenge = queryOf(request.url).get('challenge');
      if (request.method !== 'GET' || challenge === null) return null;
      return { response: text(challenge), handshake: info(kind, 'echoed the challenge as text/plain with X-Content-Type-Options: nosniff') };
    }
    case 'asana-hook-secret': {
      const secret = headerValue(request.headers, 'X-Hook-Secret');
      if (secret === undefined) return null;
      return {
        response: { status: 200, headers: [['X-Hook-Secret', secret]], body: '' },
        handshake: info(kind, "echoed X-Hook-Secret; set it as the endpoint's secret to verify the events that follow"),
      };
    }
    case 'sns-subscription': {
      const body = smallJson(request.body);
      if (stringAt(body, 'Type') !== 'SubscriptionConfirmation' || stringAt(body, 'SubscribeURL') === null) return null;
      return { response: null, handshake: info(kind, 'waiting for you: confirm the subscription in Hookscope', false) };
    }
  }
}
