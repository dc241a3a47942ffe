import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidSlackRequest } from '@slack/bolt';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, hmacOf, NOW_MS, NOW_S, request, tamper } from '../../fixtures/signing.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const config: VerificationConfig = { scheme: 'slack', secret };
const payload = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';

/** Slack's documented recipe: v0= + hex HMAC-SHA256 of "v0:<timestamp>:<body>". */
const slackSign = (body: string | Buffer, timestamp: number, key = secret) =>
  `v0=${hmacOf('sha256', key, Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(body)]), 'hex')}`;
const headers = (signature: string, timestamp: number): HeaderPair[] => [
  ['X-Slack-Request-Timestamp', String(timestamp)],
  ['X-Slack-Signature', signature],
];

describe('Slack (X-Slack-Signature)', () => {
  it('accepts the documented recipe, which @slack/bolt isValidSlackRequest accepts too', () => {
    const signature = slackSign(payload, NOW_S - 30);
    const official = { 'x-slack-signature': signature, 'x-slack-request-timestamp': NOW_S - 30 };
    assert.equal(isValidSlackRequest({ signingSecret: secret, body: payload, headers: official, nowMilliseconds: NOW_MS }), true);
    assertStatus(verify(request(headers(signature, NOW_S - 30), payload), config, fixedNow), 'valid');
  });

  it('computes a signature that @slack/bolt isValidSlackRequest accepts', () => {
    const result = verify(request(headers('v0=00', NOW_S), payload), config, fixedNow);
    assertStatus(result, 'invalid');
    const official = { 'x-slack-signature': result.details.expected ?? '', 'x-slack-request-timestamp': NOW_S };
    assert.equal(isValidSlackRequest({ signingSecret: secret, body: payload, headers: official, nowMilliseconds: NOW_MS }), true);
  });

  it('rejects a body with one byte changed, and a wrong secret', () => {
    assertStatus(verify(request(headers(slackSign(payload, NOW_S), NOW_S), tamper(payload)), config, fixedNow), 'invalid');
    assertStatus(verify(request(headers(slackSign(payload, NOW_S, 'wrong'), NOW_S), payload), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('reports stale and future timestamps with their direction', () => {
    const stale = verify(request(headers(slackSign(payload, NOW_S - 412), NOW_S - 412), payload), config, fixedNow);
    assertStatus(stale, 'invalid', /412 s in the past \(tolerance 300 s\)/);
    assert.equal(stale.details.skewSeconds, 412);
    const future = verify(request(headers(slackSign(payload, NOW_S + 320), NOW_S + 320), payload), config, fixedNow);
    assertStatus(future, 'invalid', /320 s in the future \(tolerance 300 s\)/);
    assert.equal(future.details.skewSeconds, -320);
  });

  it('rejects a timestamp swapped after signing', () => {
    assertStatus(verify(request(headers(slackSign(payload, NOW_S - 1), NOW_S), payload), config, fixedNow), 'invalid');
  });

  it('verifies a binary body over its bytes', () => {
    assertStatus(verify(request(headers(slackSign(binaryBody, NOW_S), NOW_S), binaryBody), config, fixedNow), 'valid');
    assertStatus(verify(request(headers(slackSign(binaryBody, NOW_S), NOW_S), tamper(binaryBody)), config, fixedNow), 'invalid');
  });

  it('diagnoses a trailing newline in the secret set here', () => {
    const result = verify(request(headers(slackSign(payload, NOW_S), NOW_S), payload), { scheme: 'slack', secret: `${secret}\r\n` }, fixedNow);
    assertStatus(result, 'invalid', /a newline at its end/);
  });

  it('says when the timestamp header is absent or the version is unknown', () => {
    assertStatus(verify(request([['X-Slack-Signature', slackSign(payload, NOW_S)]], payload), config, fixedNow), 'invalid', /X-Slack-Request-Timestamp is not/);
    assertStatus(verify(request(headers('v1=abc', NOW_S), payload), config, fixedNow), 'invalid', /not a v0= signature/);
  });
});
