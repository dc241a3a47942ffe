// Re-signing the provider schemes for a replay: each HMAC one round-trips through our verifier
// (itself checked against the providers' libraries) with a fresh timestamp, and fails with a bad
// signature; HubSpot v3 is also checked by its own util. The asymmetric ones refuse with a reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Signature as HubSpotSignature } from '@hubspot/api-client';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { signRequest, SigningError, type SignInput } from '../../../electron/core/replay/resign.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { NOW_MS, NOW_S } from '../../fixtures/signing.js';

const body = Buffer.from('{"event":"order.paid","id":"o_1"}');
const url = 'https://receiver.example/hooks/orders?x=1';
const OLD_S = NOW_S - 3 * 86_400;

function input(headers: HeaderPair[]): SignInput {
  return { method: 'POST', url, headers: [['Host', 'receiver.example'], ...headers], body };
}

function check(signed: { url: string; headers: HeaderPair[] }, config: VerificationConfig) {
  return verify({ method: 'POST', url: '/hooks/orders?x=1', headers: signed.headers, body, publicUrl: 'https://receiver.example' }, config, () => NOW_MS);
}

const cases: Array<{ config: VerificationConfig; headers: HeaderPair[] }> = [
  { config: { scheme: 'square', secret: 'sq-key' }, headers: [['x-square-hmacsha256-signature', 'old']] },
  { config: { scheme: 'paddle', secret: 'pdl_secret' }, headers: [['Paddle-Signature', `ts=${OLD_S};h1=00`]] },
  { config: { scheme: 'zoom', secret: 'zoom-token' }, headers: [['x-zm-request-timestamp', String(OLD_S)], ['x-zm-signature', 'v0=00']] },
  { config: { scheme: 'twitch', secret: 'twitch-secret' }, headers: [['Twitch-Eventsub-Message-Id', 'old'], ['Twitch-Eventsub-Message-Timestamp', '2020-01-01T00:00:00.123456789Z'], ['Twitch-Eventsub-Message-Signature', 'sha256=00']] },
  { config: { scheme: 'hubspot', secret: 'hs-client-secret' }, headers: [['X-HubSpot-Signature-v3', 'old'], ['X-HubSpot-Request-Timestamp', String(OLD_S * 1000)]] },
  { config: { scheme: 'hubspot', secret: 'hs-client-secret' }, headers: [['X-HubSpot-Signature', 'old'], ['X-HubSpot-Signature-Version', 'v2']] },
  { config: { scheme: 'zendesk', secret: 'zd-secret' }, headers: [['X-Zendesk-Webhook-Signature', 'old'], ['X-Zendesk-Webhook-Signature-Timestamp', '2020-01-01T00:00:00Z']] },
  { config: { scheme: 'intercom', secret: 'ic-secret' }, headers: [['X-Hub-Signature', 'sha1=00']] },
  { config: { scheme: 'linear', secret: 'lin-secret' }, headers: [['Linear-Signature', '00']] },
  { config: { scheme: 'adyen', secret: 'AB'.repeat(32) }, headers: [['HmacSignature', 'old']] },
  { config: { scheme: 'hmac', secret: 'k', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{publicUrl}|{body}' }, headers: [['X-Sig', '00']] },
];

describe('re-signing the provider HMAC schemes', () => {
  for (const { config, headers } of cases) {
    it(`${config.scheme} (${headers[0]![0]}): a fresh valid signature, and a bad one that fails`, () => {
      const signed = signRequest(input(headers), config, { nowMs: NOW_MS, valid: true });
      const result = check(signed, config);
      assert.equal(result.status, 'valid', result.reason);
      assert.equal(signed.signing.scheme, config.scheme);
      const bad = check(signRequest(input(headers), config, { nowMs: NOW_MS, valid: false }), config);
      assert.equal(bad.status, 'invalid', bad.reason);
    });
  }

  it('HubSpot v3 as re-signed is accepted by @hubspot/api-client', () => {
    const now = Date.now();
    const signed = signRequest(input([['X-HubSpot-Signature-v3', 'old']]), { scheme: 'hubspot', secret: 'hs-client-secret' }, { nowMs: now, valid: true });
    const get = (name: string) => signed.headers.find(([key]) => key === name)?.[1] ?? '';
    const timestamp = Number(get('X-HubSpot-Request-Timestamp'));
    assert.equal(HubSpotSignature.isValid({ signatureVersion: 'v3', signature: get('X-HubSpot-Signature-v3'), clientSecret: 'hs-client-secret', requestBody: body.toString(), url, timestamp }), true);
  });
});

describe('schemes that cannot be re-signed', () => {
  const refused: Array<[VerificationConfig, RegExp]> = [
    [{ scheme: 'discord', secret: 'ab'.repeat(32) }, /private key.*holds only the public key/],
    [{ scheme: 'sns', secret: 'fetch' }, /private key/],
    [{ scheme: 'paypal', secret: 'fetch', webhookId: 'WH-1' }, /private key/],
    [{ scheme: 'plaid', secret: '{}' }, /private key/],
    [{ scheme: 'standard-webhooks', secret: `whpk_${Buffer.alloc(32, 1).toString('base64')}` }, /v1a.*private key/],
    [{ scheme: 'mailgun', secret: 'k' }, /inside the body/],
    [{ scheme: 'adyen', secret: 'AB'.repeat(32) }, /inside the body/],
  ];
  for (const [config, message] of refused) {
    it(`${config.scheme}: refused with a reason`, () => {
      assert.throws(() => signRequest(input([]), config, { nowMs: NOW_MS, valid: true }), (error: unknown) => error instanceof SigningError && message.test(error.message));
    });
  }
});
