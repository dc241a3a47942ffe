// HMAC schemes with a twist: what is signed is more than the body (the public URL, fields inside
// the body, ids and timestamps). Official libraries are the oracles where they exist: Adyen's
// HmacValidator, Paddle's Webhooks.isSignatureValid, HubSpot's Signature util; the others follow
// the providers' documented recipes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { hmacValidator as AdyenHmacValidator } from '@adyen/api-library';
import { Signature as HubSpotSignature } from '@hubspot/api-client';
import { NodeRuntime, Webhooks as PaddleWebhooks } from '@paddle/paddle-node-sdk';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertNoSecret, assertStatus, fixedNow, hmacOf, NOW_MS, NOW_S, request, tamper } from '../../fixtures/signing.js';

const json = '{"event":"payment.updated","data":{"id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","amount":1000}}';
const PUBLIC = 'https://hooks.example.loca.lt';
const withPublicUrl = { publicUrl: PUBLIC };

describe('Square (notification URL + body)', () => {
  const key = 'Ib0uOdxRYwJjZ2cOO6L7Wg';
  const config: VerificationConfig = { scheme: 'square', secret: key };
  const url = `${PUBLIC}/hooks/orders`;
  const headers = (signature: string): HeaderPair[] => [['x-square-hmacsha256-signature', signature]];
  const signed = (body: string | Buffer, at = url, secret = key) => hmacOf('sha256', secret, Buffer.concat([Buffer.from(at), Buffer.from(body)]), 'base64');

  it('signs the public URL joined with the path, and says when the registered URL differs by scheme', () => {
    assertStatus(verify(request(headers(signed(json)), json, withPublicUrl), config, fixedNow), 'valid', /notification URL \(https:\/\/hooks\.example\.loca\.lt\/hooks\/orders\)/);
    assertStatus(verify(request(headers(signed(json, url.replace('https', 'http'))), json, withPublicUrl), config, fixedNow), 'invalid', /differs from the public URL set here by its scheme/);
  });

  it('refuses a tampered body and a wrong key', () => {
    assertStatus(verify(request(headers(signed(json)), tamper(json), withPublicUrl), config, fixedNow), 'invalid');
    assertStatus(verify(request(headers(signed(json, url, 'wrong')), json, withPublicUrl), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });
});

describe('Adyen (hmacSignature per notification item; HmacValidator as the oracle)', () => {
  const hexKey = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
  const config: VerificationConfig = { scheme: 'adyen', secret: hexKey };
  const validator = new AdyenHmacValidator();
  const item = (pspReference: string, key = hexKey) => {
    const base = {
      additionalData: {} as Record<string, string>,
      amount: { currency: 'EUR', value: 1130 },
      eventCode: 'AUTHORISATION',
      eventDate: '2026-04-06T10:00:00+02:00',
      merchantAccountCode: 'TestMerchant',
      merchantReference: 'order-7',
      pspReference,
      success: 'true',
    };
    base.additionalData.hmacSignature = validator.calculateHmac(base as never, key);
    return base;
  };
  const body = (...items: unknown[]) => JSON.stringify({ live: 'false', notificationItems: items.map((NotificationRequestItem) => ({ NotificationRequestItem })) });

  it('accepts items the official HmacValidator signs and validates', () => {
    const first = item('7914073381342284');
    assert.equal(validator.validateHMAC(first as never, hexKey), true);
    assertStatus(verify(request([], body(first, item('8815073381342285'))), config, fixedNow), 'valid', /All 2 notification items/);
  });

  it('names the item that fails: a changed amount, or another key', () => {
    const changed = { ...item('8815073381342285'), amount: { currency: 'EUR', value: 99999 } };
    assert.equal(validator.validateHMAC(changed as never, hexKey), false);
    assertStatus(verify(request([], body(item('7914073381342284'), changed)), config, fixedNow), 'invalid', /^Item 2 of 2:/);
    const other = 'AA'.repeat(32);
    assertStatus(verify(request([], body(item('7914073381342284', other))), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('verifies the HmacSignature header of Balance Platform webhooks as validateHMACSignature does', () => {
    const signature = hmacOf('sha256', Buffer.from(hexKey, 'hex'), json, 'base64');
    assert.equal(validator.validateHMACSignature(hexKey, signature, json), true);
    assertStatus(verify(request([['HmacSignature', signature]], json), config, fixedNow), 'valid');
    assertStatus(verify(request([['HmacSignature', signature]], tamper(json)), config, fixedNow), 'invalid');
  });
});

describe('Paddle (Paddle-Signature ts=…;h1=…; the SDK as the oracle)', () => {
  const secret = 'pdl_ntfset_01gkpjp8bkh3ax3ydxkdpxsdd7_6NoGNSrsgAnjXyiqn0Ku0OmWxPtbQwxB';
  const config: VerificationConfig = { scheme: 'paddle', secret };
  const header = (ts: number, body: string | Buffer, key = secret) => `ts=${ts};h1=${hmacOf('sha256', key, Buffer.concat([Buffer.from(`${ts}:`), Buffer.from(body)]), 'hex')}`;

  it('accepts what Webhooks.isSignatureValid accepts (which reads the wall clock, so signed now)', async () => {
    NodeRuntime.initialize();
    const now = Math.floor(Date.now() / 1000);
    const signature = header(now, json);
    assert.equal(await new PaddleWebhooks().isSignatureValid(json, secret, signature), true);
    assertStatus(verify(request([['Paddle-Signature', signature]], json), config, () => now * 1000), 'valid');
    assert.equal(await new PaddleWebhooks().isSignatureValid(tamper(json).toString(), secret, signature), false);
    assertStatus(verify(request([['Paddle-Signature', signature]], tamper(json)), config, () => now * 1000), 'invalid');
  });

  it('refuses a wrong key and a stale ts', () => {
    assertStatus(verify(request([['Paddle-Signature', header(NOW_S, json, 'wrong')]], json), config, fixedNow), 'invalid', /secret is most likely wrong/);
    assertStatus(verify(request([['Paddle-Signature', header(NOW_S - 301, json)]], json), config, fixedNow), 'invalid', /301 s in the past/);
  });
});

describe('HubSpot v1, v2 and v3 (the Signature util as the oracle)', () => {
  const clientSecret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
  const config: VerificationConfig = { scheme: 'hubspot', secret: clientSecret };
  const url = `${PUBLIC}/hooks/orders`;

  it('v3: accepts what Signature.isValid accepts, refuses a tampered body, a wrong secret and a stale timestamp', () => {
    const now = Date.now();
    const v3 = (body: string | Buffer, timestamp: number, secret = clientSecret) => HubSpotSignature.getSignature('POST', 'v3', { signature: '', clientSecret: secret, requestBody: body.toString(), url, timestamp });
    const headers = (signature: string, timestamp: number): HeaderPair[] => [['X-HubSpot-Signature-v3', signature], ['X-HubSpot-Request-Timestamp', String(timestamp)]];
    const signature = v3(json, now);
    assert.equal(HubSpotSignature.isValid({ signatureVersion: 'v3', signature, clientSecret, requestBody: json, url, timestamp: now }), true);
    assertStatus(verify(request(headers(signature, now), json, withPublicUrl), config, () => now), 'valid', /method \+ URI/);
    assertStatus(verify(request(headers(signature, now), tamper(json), withPublicUrl), config, () => now), 'invalid');
    assertStatus(verify(request(headers(v3(json, now, 'wrong'), now), json, withPublicUrl), config, () => now), 'invalid', /secret is most likely wrong/);
    assertStatus(verify(request(headers(v3(json, NOW_MS - 400_000), NOW_MS - 400_000), json, withPublicUrl), config, fixedNow), 'invalid', /400 s in the past/);
  });

  it('v1 and v2: plain SHA-256 of the secret and the content, as the util computes it', () => {
    const v1 = HubSpotSignature.getSignature('POST', 'v1', { signature: '', clientSecret, requestBody: json });
    assert.equal(v1, createHash('sha256').update(clientSecret + json).digest('hex'));
    assertStatus(verify(request([['X-HubSpot-Signature', v1]], json), config, fixedNow), 'valid', /v1: SHA-256/);
    assertStatus(verify(request([['X-HubSpot-Signature', v1]], tamper(json)), config, fixedNow), 'invalid');
    const v2 = HubSpotSignature.getSignature('POST', 'v2', { signature: '', clientSecret, requestBody: json, url });
    const headers: HeaderPair[] = [['X-HubSpot-Signature', v2], ['X-HubSpot-Signature-Version', 'v2']];
    assertStatus(verify(request(headers, json, withPublicUrl), config, fixedNow), 'valid', /v2: SHA-256/);
    assertStatus(verify(request(headers, json, withPublicUrl), { ...config, secret: 'wrong' }, fixedNow), 'invalid');
  });
});

/** One row per header-signed recipe: how to sign, which headers, and what counts as stale. */
interface Recipe {
  name: string;
  scheme: VerificationConfig['scheme'];
  secret: string;
  headers: (body: string | Buffer, at: number, secret: string) => HeaderPair[];
  stale?: number;
  valid: RegExp;
}

const zoomSign = (body: string | Buffer, at: number, secret: string) => `v0=${hmacOf('sha256', secret, Buffer.concat([Buffer.from(`v0:${at}:`), Buffer.from(body)]), 'hex')}`;
const twitchTime = (at: number) => new Date(at * 1000).toISOString().replace('Z', '123456Z');
const zendeskTime = (at: number) => new Date(at * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const recipes: Recipe[] = [
  {
    name: 'Zoom (v0:{ts}:{body})',
    scheme: 'zoom',
    secret: 'zoom-secret-token',
    headers: (body, at, secret) => [['x-zm-request-timestamp', String(at)], ['x-zm-signature', zoomSign(body, at, secret)]],
    stale: 301,
    valid: /"v0:timestamp:body"/,
  },
  {
    name: 'Twitch (id + RFC 3339 nanosecond timestamp + body)',
    scheme: 'twitch',
    secret: 'twitch-subscription-secret',
    headers: (body, at, secret) => {
      const id = 'e76c6bd4-55c9-4987-8304-da1588d8988b';
      const content = Buffer.concat([Buffer.from(id + twitchTime(at)), Buffer.from(body)]);
      return [['Twitch-Eventsub-Message-Id', id], ['Twitch-Eventsub-Message-Timestamp', twitchTime(at)], ['Twitch-Eventsub-Message-Signature', `sha256=${hmacOf('sha256', secret, content, 'hex')}`]];
    },
    stale: 601,
    valid: /message id \+ timestamp \+ body/,
  },
  {
    name: 'Zendesk (timestamp + body, base64)',
    scheme: 'zendesk',
    secret: 'dGhpcyBpcyBhIHNhbXBsZSBzZWNyZXQ=',
    headers: (body, at, secret) => [
      ['X-Zendesk-Webhook-Signature', hmacOf('sha256', secret, Buffer.concat([Buffer.from(zendeskTime(at)), Buffer.from(body)]), 'base64')],
      ['X-Zendesk-Webhook-Signature-Timestamp', zendeskTime(at)],
    ],
    stale: 301,
    valid: /timestamp \+ body/,
  },
  {
    name: 'Intercom (SHA-1 of the body in X-Hub-Signature)',
    scheme: 'intercom',
    secret: 'intercom-client-secret',
    headers: (body, _at, secret) => [['X-Hub-Signature', `sha1=${hmacOf('sha1', secret, body, 'hex')}`]],
    valid: /HMAC-SHA1 of the raw body with the client secret/,
  },
];

describe('header-signed recipes (documented)', () => {
  for (const recipe of recipes) {
    const config = { scheme: recipe.scheme, secret: recipe.secret } as VerificationConfig;
    it(`${recipe.name}: valid, tampered, wrong key${recipe.stale ? ', stale' : ''}; the secret never shows`, () => {
      assertStatus(verify(request(recipe.headers(json, NOW_S, recipe.secret), json), config, fixedNow), 'valid', recipe.valid);
      assertStatus(verify(request(recipe.headers(json, NOW_S, recipe.secret), tamper(json)), config, fixedNow), 'invalid');
      const wrong = verify(request(recipe.headers(json, NOW_S, 'wrong-key'), json), config, fixedNow);
      assertStatus(wrong, 'invalid', /secret is most likely wrong/);
      assertNoSecret(wrong, recipe.secret);
      if (recipe.stale) {
        const at = NOW_S - recipe.stale;
        assertStatus(verify(request(recipe.headers(json, at, recipe.secret), json), config, fixedNow), 'invalid', new RegExp(`${recipe.stale} s in the past`));
      }
    });
  }
});

describe('Linear (body signed; webhookTimestamp inside it)', () => {
  const secret = 'lin_wh_secret';
  const config: VerificationConfig = { scheme: 'linear', secret };
  const body = (ms: number) => JSON.stringify({ action: 'create', type: 'Issue', data: { id: 'i1' }, webhookTimestamp: ms });
  const headers = (text: string, key = secret): HeaderPair[] => [['Linear-Signature', hmacOf('sha256', key, text, 'hex')]];

  it('valid, tampered, wrong key, and stale after a minute', () => {
    assertStatus(verify(request(headers(body(NOW_MS - 5_000)), body(NOW_MS - 5_000)), config, fixedNow), 'valid', /webhookTimestamp inside it/);
    assertStatus(verify(request(headers(body(NOW_MS)), tamper(body(NOW_MS))), config, fixedNow), 'invalid');
    assertStatus(verify(request(headers(body(NOW_MS), 'wrong'), body(NOW_MS)), config, fixedNow), 'invalid', /secret is most likely wrong/);
    assertStatus(verify(request(headers(body(NOW_MS - 61_000)), body(NOW_MS - 61_000)), config, fixedNow), 'invalid', /61 s in the past \(tolerance 60 s\)/);
  });
});

describe('Mailgun (timestamp + token, signed inside the body)', () => {
  const key = 'key-mailgun-signing';
  const config: VerificationConfig = { scheme: 'mailgun', secret: key };
  const token = '6c2ff9a9d0e7c2bd6e7a8d47fd6c6b3d2f2c9c2e8e8b8c1a2f';
  const body = (at: number, signingKey = key, event = 'delivered') =>
    JSON.stringify({ signature: { timestamp: String(at), token, signature: hmacOf('sha256', signingKey, `${at}${token}`, 'hex') }, 'event-data': { event } });

  it('valid (saying the event data is not covered), wrong key, stale; a changed signature field fails', () => {
    assertStatus(verify(request([], body(NOW_S)), config, fixedNow), 'valid', /event data is not covered/);
    assertStatus(verify(request([], body(NOW_S, 'wrong')), config, fixedNow), 'invalid', /secret is most likely wrong/);
    assertStatus(verify(request([], body(NOW_S - 400)), config, fixedNow), 'invalid', /400 s in the past/);
    const forged = body(NOW_S).replace(`"timestamp":"${NOW_S}"`, `"timestamp":"${NOW_S - 1}"`);
    assertStatus(verify(request([], forged), config, fixedNow), 'invalid');
  });

  it('reads the legacy form fields too', () => {
    const form = `timestamp=${NOW_S}&token=${token}&signature=${hmacOf('sha256', key, `${NOW_S}${token}`, 'hex')}&event=delivered`;
    assertStatus(verify(request([['Content-Type', 'application/x-www-form-urlencoded']], form), config, fixedNow), 'valid');
  });
});

describe('the generic recipe signs {publicUrl}', () => {
  it('joins the public URL with the request target', () => {
    const config: VerificationConfig = { scheme: 'hmac', secret: 's3cret', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{publicUrl}.{body}' };
    const signature = hmacOf('sha256', 's3cret', `${PUBLIC}/hooks/orders.${json}`, 'hex');
    assertStatus(verify(request([['X-Sig', signature]], json, withPublicUrl), config, fixedNow), 'valid');
    assertStatus(verify(request([['X-Sig', signature]], json, { publicUrl: 'https://other.loca.lt' }), config, fixedNow), 'invalid');
  });
});
