// Re-signing: for every scheme, the headers the provider would send now. Our verifier (itself
// tested against the official libraries) and, where one exists, the provider's library accept a
// re-signed request; a bad-signature request fails on the signature alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidSlackRequest } from '@slack/bolt';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import twilio from 'twilio';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { signRequest, SigningError, timestampLike, type SignInput } from '../../../electron/core/replay/resign.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { binaryBody, eventBody as body, NOW_MS, NOW_S, standardWebhooksSecret as whsec, templatedHmac } from '../../fixtures/signing.js';

const url = 'http://127.0.0.1:3000/hooks/stripe?x=1';
/** Signed three days before NOW: every timestamp must be fresh for the replay to pass. */
const OLD_S = NOW_S - 3 * 86_400;

function input(headers: HeaderPair[], requestBody: Buffer = body, requestUrl = url): SignInput {
  return { method: 'POST', url: requestUrl, headers: [['Host', '127.0.0.1:3000'], ['User-Agent', 'provider/1'], ...headers, ['Content-Length', String(requestBody.length)]], body: requestBody };
}

/** Runs our verifier on a signed request as the receiver would see it. */
function check(signed: { url: string; headers: HeaderPair[] }, requestBody: Buffer, config: VerificationConfig) {
  const target = signed.url.replace(/^https?:\/\/[^/]+/, '');
  return verify({ method: 'POST', url: target, headers: signed.headers, body: requestBody, publicUrl: signed.url.replace(/^(https?:\/\/[^/]+).*$/, '$1') }, config, () => NOW_MS);
}

function header(headers: HeaderPair[], name: string): string {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? assert.fail(`no ${name}`);
}

const schemes: Array<{ name: string; config: VerificationConfig; headers: HeaderPair[]; body?: Buffer }> = [
  { name: 'stripe', config: { scheme: 'stripe', secret: 'whsec_stripe_test_secret' }, headers: [['Stripe-Signature', `t=${OLD_S},v1=deadbeef,v0=abc`]] },
  {
    name: 'standard-webhooks',
    config: { scheme: 'standard-webhooks', secret: whsec },
    headers: [['webhook-id', 'msg_old'], ['webhook-timestamp', String(OLD_S)], ['webhook-signature', 'v1,AAAA']],
  },
  { name: 'github', config: { scheme: 'github', secret: "It's a Secret to Everybody" }, headers: [['X-GitHub-Event', 'push'], ['X-Hub-Signature-256', 'sha256=00']] },
  { name: 'shopify', config: { scheme: 'shopify', secret: 'shpss_secret' }, headers: [['X-Shopify-Hmac-Sha256', 'AAAA']] },
  { name: 'slack', config: { scheme: 'slack', secret: '8f742231b10e8888abcd99yyyzzz85a5' }, headers: [['X-Slack-Request-Timestamp', String(OLD_S)], ['X-Slack-Signature', 'v0=00']] },
  { name: 'pdfgorilla', config: { scheme: 'pdfgorilla', secret: 'pdfg-secret' }, headers: [['x-pdfg-signature', '00']], body: binaryBody },
  { name: 'goshiip', config: { scheme: 'goshiip', secret: 'goshiip-secret' }, headers: [['X-Signature', '00']] },
  {
    name: 'hmac with a template, timestamp and id',
    config: templatedHmac('{method} {url}\n{timestamp}.{id}.{body}'),
    headers: [['X-Timestamp', String(OLD_S * 1000)], ['X-Id', 'old-id'], ['X-Sig', 'v1=00']],
  },
  { name: 'twilio (form)', config: { scheme: 'twilio', secret: '12345678901234567890123456789012' }, headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', 'AAAA']], body: Buffer.from('Body=Hello+World%21&From=%2B1415&To=%2B1555') },
  { name: 'header', config: { scheme: 'header', secret: 'shared-value-123', header: 'X-Adobe-Token' }, headers: [['X-Adobe-Token', 'stale']] },
  { name: 'basic', config: { scheme: 'basic', secret: 'hook:pass word' }, headers: [['Authorization', 'Basic AAAA']] },
  { name: 'auto (detects Stripe)', config: { scheme: 'auto', secret: 'whsec_stripe_test_secret' }, headers: [['Stripe-Signature', `t=${OLD_S},v1=00`]] },
];

describe('replay: re-signing every scheme', () => {
  for (const scheme of schemes) {
    const requestBody = scheme.body ?? body;
    it(`${scheme.name}: re-signed passes verification, in place; bad-signature fails on the signature`, () => {
      const original = input(scheme.headers, requestBody);
      const signed = signRequest(original, scheme.config, { nowMs: NOW_MS, valid: true });
      const verdict = check(signed, requestBody, scheme.config);
      assert.equal(verdict.status, 'valid', verdict.reason);
      // The headers around the signature keep their place.
      assert.deepEqual(signed.headers.slice(0, 2), original.headers.slice(0, 2));
      assert.deepEqual(signed.headers.at(-1), original.headers.at(-1), 'Content-Length stays last: signature headers replaced in place');
      assert.equal(signed.signing.valid, true);
      assert.ok(signed.signing.headers.length > 0);
      assert.ok(!JSON.stringify(signed.signing).includes((scheme.config as { secret: string }).secret));

      const bad = signRequest(original, scheme.config, { nowMs: NOW_MS, valid: false });
      const rejected = check(bad, requestBody, scheme.config);
      assert.equal(rejected.status, 'invalid', rejected.reason);
      assert.doesNotMatch(rejected.reason, /timestamp|tolerance/i, 'fails on the signature, not the time');
      assert.equal(bad.signing.valid, false);

      // The record masks a value that is the secret itself; an HMAC signature is recorded as sent.
      const { secret } = scheme.config as { secret: string };
      const readable = [secret, Buffer.from(secret).toString('base64')];
      const carriesSecret = readable.some((value) => JSON.stringify(signed.headers).includes(value));
      for (const result of [signed, bad]) {
        assert.equal(result.recordedHeaders.length, result.headers.length);
        assert.ok(!readable.some((value) => JSON.stringify(result.recordedHeaders).includes(value)), 'no secret in the record');
      }
      if (carriesSecret) assert.notDeepEqual(signed.recordedHeaders, signed.headers);
      else assert.deepEqual(signed.recordedHeaders, signed.headers);
    });
  }

  it('Stripe: the official library accepts the re-signed header, and refuses the bad one', () => {
    const secret = 'whsec_stripe_test_secret';
    const signed = signRequest(input([['Stripe-Signature', `t=${OLD_S},v1=00`]]), { scheme: 'stripe', secret }, { nowMs: Date.now(), valid: true });
    const event = Stripe.webhooks.constructEvent(body, header(signed.headers, 'Stripe-Signature'), secret) as unknown as { id: string };
    assert.equal(event.id, 'evt_1');
    const bad = signRequest(input([]), { scheme: 'stripe', secret }, { nowMs: Date.now(), valid: false });
    assert.throws(() => Stripe.webhooks.constructEvent(body, header(bad.headers, 'Stripe-Signature'), secret), /signature/i);
  });

  it('Standard Webhooks: a fresh msg_ id and timestamp, svix-* names kept, the official library accepts it', () => {
    const signed = signRequest(
      input([['svix-id', 'msg_old'], ['svix-timestamp', String(OLD_S)], ['svix-signature', 'v1,AAAA']]),
      { scheme: 'standard-webhooks', secret: whsec },
      { nowMs: Date.now(), valid: true },
    );
    assert.deepEqual(signed.signing.headers, ['svix-id', 'svix-timestamp', 'svix-signature']);
    assert.ok(!signed.headers.some(([name]) => name.startsWith('webhook-')), 'no webhook-* names added');
    const id = header(signed.headers, 'svix-id');
    assert.match(id, /^msg_[0-9A-Za-z]{27}$/);
    assert.notEqual(id, 'msg_old');
    const official = {
      'webhook-id': id,
      'webhook-timestamp': header(signed.headers, 'svix-timestamp'),
      'webhook-signature': header(signed.headers, 'svix-signature'),
    };
    assert.deepEqual(new Webhook(whsec).verify(body.toString(), official), JSON.parse(body.toString()));
  });

  it('GitHub: the official library accepts it; a legacy X-Hub-Signature is re-signed with SHA-1 too', async () => {
    const secret = "It's a Secret to Everybody";
    const signed = signRequest(input([['X-Hub-Signature', 'sha1=00'], ['X-Hub-Signature-256', 'sha256=00']]), { scheme: 'github', secret }, { nowMs: NOW_MS, valid: true });
    assert.equal(await octokitVerify(secret, body.toString(), header(signed.headers, 'X-Hub-Signature-256')), true);
    assert.match(header(signed.headers, 'X-Hub-Signature'), /^sha1=[0-9a-f]{40}$/);
  });

  it('Slack: the official library accepts it', () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const signed = signRequest(input([['X-Slack-Request-Timestamp', String(OLD_S)], ['X-Slack-Signature', 'v0=00']]), { scheme: 'slack', secret }, { nowMs: NOW_MS, valid: true });
    const headers = { 'x-slack-signature': header(signed.headers, 'X-Slack-Signature'), 'x-slack-request-timestamp': Number(header(signed.headers, 'X-Slack-Request-Timestamp')) };
    assert.equal(isValidSlackRequest({ signingSecret: secret, body: body.toString(), headers, nowMilliseconds: NOW_MS }), true);
  });

  it('Twilio: signs the target URL (the official library agrees); a JSON body gets its bodySHA256 recomputed', () => {
    const token = '12345678901234567890123456789012';
    const form = Buffer.from('Body=Hello&From=%2B1415');
    const target = 'https://example.test/sms?source=replay';
    const signed = signRequest(input([['Content-Type', 'application/x-www-form-urlencoded']], form, target), { scheme: 'twilio', secret: token }, { nowMs: NOW_MS, valid: true });
    assert.equal(twilio.validateRequest(token, header(signed.headers, 'X-Twilio-Signature'), target, { Body: 'Hello', From: '+1415' }), true);

    const json = Buffer.from('{"edited":true}');
    const withHash = 'https://example.test/status?bodySHA256=0000&x=1';
    const signedJson = signRequest(input([['Content-Type', 'application/json']], json, withHash), { scheme: 'twilio', secret: token }, { nowMs: NOW_MS, valid: true });
    assert.match(signedJson.url, /bodySHA256=[0-9a-f]{64}&x=1$/);
    assert.equal(twilio.validateRequestWithBody(token, header(signedJson.headers, 'X-Twilio-Signature'), signedJson.url, json.toString()), true);
  });

  it('keeps the original timestamp format of a generic HMAC scheme', () => {
    assert.equal(timestampLike('1775469690', NOW_MS), String(NOW_S));
    assert.equal(timestampLike('1775469690123', NOW_MS), String(NOW_MS));
    assert.equal(timestampLike('2026-04-06T10:01:23.456Z', NOW_MS), new Date(NOW_MS).toISOString());
    assert.equal(timestampLike('', NOW_MS), String(NOW_S));
  });

  it('adds the signature headers a request lacks, at the end', () => {
    const signed = signRequest(input([]), { scheme: 'standard-webhooks', secret: whsec }, { nowMs: NOW_MS, valid: true, newId: () => 'msg_fixed' });
    assert.deepEqual(signed.headers.slice(-3).map(([name]) => name), ['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    assert.equal(header(signed.headers, 'webhook-id'), 'msg_fixed');
  });

  it('refuses what cannot be signed, without naming the secret', () => {
    assert.throws(() => signRequest(input([]), { scheme: 'auto', secret: 's3cret-value' }, { nowMs: NOW_MS, valid: true }), SigningError);
    assert.throws(
      () => signRequest(input([]), { scheme: 'standard-webhooks', secret: 'whsec_***not base64***' }, { nowMs: NOW_MS, valid: true }),
      (error: unknown) => error instanceof SigningError && !error.message.includes('***not base64***'),
    );
  });
});
