// The public-key schemes: Discord (Ed25519), SendGrid (ECDSA P-256), Standard Webhooks v1a
// (Ed25519) and Plaid (ES256 JWT). Keys are made here with node:crypto; where the provider ships
// a verifying library (discord-interactions, @sendgrid/eventwebhook) it must agree with us.
import assert from 'node:assert/strict';
import { createHash, createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { verifyKey } from 'discord-interactions';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertNoSecret, assertStatus, fixedNow, NOW_S, request, tamper } from '../../fixtures/signing.js';

const body = '{"type":1,"id":"123","application_id":"456","token":"abc"}';

const ed = generateKeyPairSync('ed25519');
const otherEd = generateKeyPairSync('ed25519');
const rawPublic = (key: typeof ed.publicKey) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');

describe('Discord (X-Signature-Ed25519)', () => {
  const publicHex = rawPublic(ed.publicKey).toString('hex');
  const config: VerificationConfig = { scheme: 'discord', secret: publicHex };
  const signed = (payload: string | Buffer, timestamp: number, key = ed.privateKey) => sign(null, Buffer.concat([Buffer.from(String(timestamp)), Buffer.from(payload)]), key).toString('hex');
  const headers = (signature: string, timestamp: number): HeaderPair[] => [
    ['X-Signature-Ed25519', signature],
    ['X-Signature-Timestamp', String(timestamp)],
  ];

  it('accepts what discord-interactions verifyKey accepts, and refuses what it refuses', async () => {
    const signature = signed(body, NOW_S - 5);
    assert.equal(await verifyKey(body, signature, String(NOW_S - 5), publicHex), true);
    assertStatus(verify(request(headers(signature, NOW_S - 5), body), config, fixedNow), 'valid', /Ed25519 of timestamp \+ body/);
    assert.equal(await verifyKey(tamper(body), signature, String(NOW_S - 5), publicHex), false);
    assertStatus(verify(request(headers(signature, NOW_S - 5), tamper(body)), config, fixedNow), 'invalid', /cannot tell which/);
  });

  it('refuses another key, a stale timestamp, and names a body re-serialized after signing', () => {
    const other: VerificationConfig = { scheme: 'discord', secret: rawPublic(otherEd.publicKey).toString('hex') };
    assertStatus(verify(request(headers(signed(body, NOW_S), NOW_S), body), other, fixedNow), 'invalid', /not the one the sender signs with/);
    assertStatus(verify(request(headers(signed(body, NOW_S - 400), NOW_S - 400), body), config, fixedNow), 'invalid', /400 s in the past/);
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    assertStatus(verify(request(headers(signed(body, NOW_S), NOW_S), pretty), config, fixedNow), 'invalid', /verifies over the body re-serialized as compact JSON/);
  });

  it('names an HMAC secret or a bot token pasted where the public key belongs, without echoing it', () => {
    for (const secret of ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'MTA5ODc2NTQzMjEw.Gx1y2z.abcdefghijklmnopqrstuvwxyz0123456789AB']) {
      const result = verify(request(headers(signed(body, NOW_S), NOW_S), body), { scheme: 'discord', secret }, fixedNow);
      assertStatus(result, 'invalid', /(whsec_ HMAC secret|not a public key).*Ed25519 public-key signature/);
      assertNoSecret(result, secret);
    }
    const pem = ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const result = verify(request(headers(signed(body, NOW_S), NOW_S), body), { scheme: 'discord', secret: pem }, fixedNow);
    assertStatus(result, 'invalid', /is a private key/);
    assert.ok(!JSON.stringify(result).includes(pem.split('\n')[1]!));
  });

  it('is picked by auto from its header', () => {
    const result = verify(request(headers(signed(body, NOW_S), NOW_S), body), { scheme: 'auto', secret: publicHex }, fixedNow);
    assert.equal(result.scheme, 'discord');
    assertStatus(result, 'valid');
  });
});

describe('SendGrid (ECDSA P-256)', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const otherEc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = (key: typeof ec.publicKey) => key.export({ format: 'der', type: 'spki' }).toString('base64');
  const config: VerificationConfig = { scheme: 'sendgrid', secret: spki(ec.publicKey) };
  const events = `${JSON.stringify([{ email: 'hello@world.com', event: 'dropped', sg_event_id: 'ZHJvcC0x', timestamp: NOW_S - 10 }])}\r\n`;
  const signed = (payload: string | Buffer, timestamp: number, key = ec.privateKey) =>
    sign('sha256', Buffer.concat([Buffer.from(String(timestamp)), Buffer.from(payload)]), { key, dsaEncoding: 'der' }).toString('base64');
  const headers = (signature: string, timestamp: number): HeaderPair[] => [
    ['X-Twilio-Email-Event-Webhook-Signature', signature],
    ['X-Twilio-Email-Event-Webhook-Timestamp', String(timestamp)],
  ];
  const official = new EventWebhook();
  const officialKey = official.convertPublicKeyToECDSA(spki(ec.publicKey));

  it("agrees with @sendgrid/eventwebhook on SendGrid's own test vector", () => {
    const vectorKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==';
    const vectorSignature = 'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=';
    const vectorPayload = `${JSON.stringify([{ email: 'hello@world.com', event: 'dropped', reason: 'Bounced Address', sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA', sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0', 'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>', timestamp: 1600112492 }])}\r\n`;
    assert.equal(official.verifySignature(official.convertPublicKeyToECDSA(vectorKey), vectorPayload, vectorSignature, '1600112502'), true);
    const result = verify(request(headers(vectorSignature, 1600112502), vectorPayload), { scheme: 'sendgrid', secret: vectorKey }, () => 1600112502_000);
    assertStatus(result, 'valid');
  });

  it('accepts a signature the official library accepts, and refuses a tampered body, another key and a stale timestamp', () => {
    const signature = signed(events, NOW_S);
    assert.equal(official.verifySignature(officialKey, events, signature, String(NOW_S)), true);
    assertStatus(verify(request(headers(signature, NOW_S), events), config, fixedNow), 'valid', /ECDSA P-256/);
    assert.equal(official.verifySignature(officialKey, tamper(events).toString(), signature, String(NOW_S)), false);
    assertStatus(verify(request(headers(signature, NOW_S), tamper(events)), config, fixedNow), 'invalid', /ECDSA signature cannot tell which/);
    assertStatus(verify(request(headers(signed(events, NOW_S, otherEc.privateKey), NOW_S), events), config, fixedNow), 'invalid');
    assertStatus(verify(request(headers(signed(events, NOW_S - 900), NOW_S - 900), events), config, fixedNow), 'invalid', /900 s in the past/);
  });

  it('names a key of the wrong type', () => {
    const rsaSpki = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    assertStatus(verify(request(headers(signed(events, NOW_S), NOW_S), events), { scheme: 'sendgrid', secret: rsaSpki }, fixedNow), 'invalid', /an RSA key, but this scheme signs with ECDSA P-256/);
  });
});

describe('Standard Webhooks v1a (Ed25519, whpk_ keys)', () => {
  const whpk = `whpk_${rawPublic(ed.publicKey).toString('base64')}`;
  const hmacSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const v1a = (payload: string | Buffer, timestamp: number, key = ed.privateKey) =>
    `v1a,${sign(null, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(payload)]), key).toString('base64')}`;
  const v1 = (payload: string, timestamp: number) => {
    const key = Buffer.from(hmacSecret.slice(6), 'base64');
    return `v1,${createHmacB64(key, `${id}.${timestamp}.${payload}`)}`;
  };
  const headers = (signature: string, timestamp: number): HeaderPair[] => [
    ['webhook-id', id],
    ['webhook-timestamp', String(timestamp)],
    ['webhook-signature', signature],
  ];

  it('verifies v1a with the whpk_ key and v1 with the whsec_ secret in one mixed list', () => {
    const mixed = `${v1(body, NOW_S)} ${v1a(body, NOW_S)}`;
    assertStatus(verify(request(headers(mixed, NOW_S), body), { scheme: 'standard-webhooks', secret: whpk }, fixedNow), 'valid', /Ed25519 \(v1a\)/);
    assertStatus(verify(request(headers(mixed, NOW_S), body), { scheme: 'standard-webhooks', secret: hmacSecret }, fixedNow), 'valid', /HMAC-SHA256/);
  });

  it('refuses a tampered body, another key and a stale timestamp', () => {
    const config: VerificationConfig = { scheme: 'standard-webhooks', secret: whpk };
    assertStatus(verify(request(headers(v1a(body, NOW_S), NOW_S), tamper(body)), config, fixedNow), 'invalid');
    assertStatus(verify(request(headers(v1a(body, NOW_S, otherEd.privateKey), NOW_S), body), config, fixedNow), 'invalid', /not the one the sender signs with/);
    assertStatus(verify(request(headers(v1a(body, NOW_S - 600), NOW_S - 600), body), config, fixedNow), 'invalid', /600 s in the past/);
  });

  it('says which key to set when the list has only the other kind', () => {
    assertStatus(verify(request(headers(v1a(body, NOW_S), NOW_S), body), { scheme: 'standard-webhooks', secret: hmacSecret }, fixedNow), 'invalid', /only v1a \(Ed25519\).*whpk_/);
    assertStatus(verify(request(headers(v1(body, NOW_S), NOW_S), body), { scheme: 'standard-webhooks', secret: whpk }, fixedNow), 'invalid', /no v1a.*whsec_/);
  });
});

describe('Plaid (ES256 JWT in Plaid-Verification)', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'key-2026', alg: 'ES256', use: 'sig' };
  const config: VerificationConfig = { scheme: 'plaid', secret: JSON.stringify({ key: jwk }) };
  const payload = '{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"wz666MBjYWTp2PDzzggYhM6oWWmBb"}';
  const jwt = (claims: Record<string, unknown>, key = ec.privateKey, header: Record<string, unknown> = { alg: 'ES256', kid: 'key-2026', typ: 'JWT' }) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part(header)}.${part(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
  const claims = (text: string, iat = NOW_S) => ({ iat, request_body_sha256: createHash('sha256').update(text).digest('hex') });
  const headers = (token: string): HeaderPair[] => [['Plaid-Verification', token]];

  it('accepts a token signed by the key whose claim is the body hash', () => {
    assertStatus(verify(request(headers(jwt(claims(payload))), payload), config, fixedNow), 'valid', /request_body_sha256 claim is the body's SHA-256/);
  });

  it('says when the JWT claim does not match the body', () => {
    assertStatus(verify(request(headers(jwt(claims(payload))), tamper(payload)), config, fixedNow), 'invalid', /claim does not match the body received/);
  });

  it('refuses another key (naming a rotated kid), a stale iat, and any alg but ES256', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const rotated = jwt(claims(payload), other, { alg: 'ES256', kid: 'key-2027', typ: 'JWT' });
    assertStatus(verify(request(headers(rotated), payload), config, fixedNow), 'invalid', /names key key-2027 and the key set here is key-2026/);
    assertStatus(verify(request(headers(jwt(claims(payload, NOW_S - 301))), payload), config, fixedNow), 'invalid', /301 s in the past/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims(payload))).toString('base64url')}.`;
    assertStatus(verify(request(headers(none), payload), config, fixedNow), 'invalid', /alg is "none", not ES256/);
  });
});

function createHmacB64(key: Buffer, content: string): string {
  return createHmac('sha256', key).update(content).digest('base64');
}
