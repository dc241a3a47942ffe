import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import twilio from 'twilio';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig, type VerificationInput } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, request, tamper } from '../../fixtures/signing.js';

const authToken = '12345678901234567890123456789012';
const config: VerificationConfig = { scheme: 'twilio', secret: authToken };
const publicUrl = 'https://brave-fox-42.loca.lt';
const path = '/sms/incoming?source=tunnel';
const fullUrl = `${publicUrl}${path}`;
const form = 'AccountSid=AC123&Body=Hello+World%21&From=%2B14158141829&To=%2B15558675310&MessageSid=SM1&MediaUrl=b&MediaUrl=a';
const formHeaders = (signature: string): HeaderPair[] => [
  ['Host', 'localhost:4400'],
  ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'],
  ['X-Twilio-Signature', signature],
];
/** The parameters as the official helper takes them: repeated names as arrays. */
function params(body: string): Record<string, string | string[]> {
  const parsed = new URLSearchParams(body);
  return Object.fromEntries([...new Set(parsed.keys())].map((name) => {
    const values = parsed.getAll(name);
    return [name, values.length > 1 ? values : (values[0] ?? '')];
  }));
}
const formDelivery = (signature: string, body: string | Buffer = form, extra: Partial<VerificationInput> = { publicUrl }) =>
  request(formHeaders(signature), body, { url: path, ...extra });

const json = JSON.stringify({ event: 'call.completed', callSid: 'CA1', duration: 42 }, null, 2);
function jsonDelivery(body: string | Buffer, signedBody: string | Buffer = body) {
  const hash = createHash('sha256').update(signedBody).digest('hex');
  const target = `/voice/events?bodySHA256=${hash}`;
  const signature = twilio.getExpectedTwilioSignature(authToken, `${publicUrl}${target}`, {});
  const headers: HeaderPair[] = [['Content-Type', 'application/json'], ['X-Twilio-Signature', signature]];
  return request(headers, body, { url: target, publicUrl });
}

describe('Twilio (X-Twilio-Signature)', () => {
  it('accepts form parameters signed by twilio getExpectedTwilioSignature', () => {
    const result = verify(formDelivery(twilio.getExpectedTwilioSignature(authToken, fullUrl, params(form))), config, fixedNow);
    assertStatus(result, 'valid', /URL and the sorted form parameters/);
    assert.match(result.details.signedContentPreview ?? '', /^https:\/\/brave-fox-42\.loca\.lt\/sms\/incoming\?source=tunnelAccountSidAC123BodyHello World!/);
  });

  it('computes a signature that twilio validateRequest accepts', () => {
    const result = verify(formDelivery('AAAA'), config, fixedNow);
    assertStatus(result, 'invalid');
    assert.equal(twilio.validateRequest(authToken, result.details.expected ?? '', fullUrl, params(form)), true);
  });

  it('joins a public URL that already has the endpoint path, and accepts the explicit default port', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, `https://brave-fox-42.loca.lt:443${path}`, params(form));
    assertStatus(verify(formDelivery(signature, form, { publicUrl: `${publicUrl}/sms/` }), config, fixedNow), 'valid');
  });

  it('rejects a changed parameter and a wrong auth token', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, fullUrl, params(form));
    assertStatus(verify(formDelivery(signature, form.replace('Hello', 'Jello')), config, fixedNow), 'invalid');
    const wrong = twilio.getExpectedTwilioSignature('00000000000000000000000000000000', fullUrl, params(form));
    assertStatus(verify(formDelivery(wrong), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('verifies a JSON body through bodySHA256, as twilio validateRequestWithBody does', () => {
    const input = jsonDelivery(json);
    const signature = input.headers[1]?.[1] ?? '';
    assert.equal(twilio.validateRequestWithBody(authToken, signature, `${publicUrl}${input.url}`, json), true);
    assertStatus(verify(input, config, fixedNow), 'valid', /body's SHA-256 equals the signed bodySHA256/);
  });

  it('rejects a JSON body with one byte changed, though the URL signature holds', () => {
    const input = { ...jsonDelivery(json), body: tamper(json) };
    assertStatus(verify(input, config, fixedNow), 'invalid', /URL signature matches, but the body's SHA-256 is not the signed bodySHA256/);
  });

  it('diagnoses a JSON body whose bodySHA256 was computed over another serialization', () => {
    const compact = JSON.stringify(JSON.parse(json));
    assertStatus(verify(jsonDelivery(json, compact), config, fixedNow), 'invalid', /bodySHA256 is the hash of the body re-serialized as compact JSON/);
  });

  it('verifies a binary body through bodySHA256 over its bytes', () => {
    assertStatus(verify(jsonDelivery(binaryBody), config, fixedNow), 'valid');
    assertStatus(verify({ ...jsonDelivery(binaryBody), body: tamper(binaryBody) }, config, fixedNow), 'invalid');
  });

  it('rebuilds the URL from the Host header when no public URL is set, and says so', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, `https://localhost:4400${path}`, params(form));
    const result = verify(formDelivery(signature, form, {}), config, fixedNow);
    assertStatus(result, 'valid', /No public URL is set for this endpoint, so the URL was rebuilt from the Host header as https:\/\/localhost:4400/);
    const noHost = request([['X-Twilio-Signature', signature]], form, { url: path });
    assertStatus(verify(noHost, config, fixedNow), 'invalid', /No public URL is set and the request has no Host header/);
  });

  it('diagnoses a URL signed with http:// where the public URL is https://', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, fullUrl.replace('https://', 'http://'), params(form));
    assertStatus(verify(formDelivery(signature), config, fixedNow), 'invalid', /other scheme \(http\/https\)/);
  });

  it('diagnoses a signature over the Host header URL rather than the public URL set here', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, `http://localhost:4400${path}`, params(form));
    assertStatus(verify(formDelivery(signature), config, fixedNow), 'invalid', /rebuilt from the Host header \(http:\/\/localhost:4400/);
  });

  it('diagnoses a hex digest where base64 is expected', () => {
    const base64 = twilio.getExpectedTwilioSignature(authToken, fullUrl, params(form));
    const hex = Buffer.from(base64, 'base64').toString('hex');
    assertStatus(verify(formDelivery(hex), config, fixedNow), 'invalid', /hex-encoded, and this scheme expects base64/);
  });
});
