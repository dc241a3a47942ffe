// Schemes whose key is a certificate the request points to: Amazon SNS, PayPal, Adobe I/O Events.
// Keys and self-signed certificates in ./keys were made with openssl for these tests only. AWS's
// sns-validator is the oracle for SNS: it fetches the certificate itself, so it is served here over
// loopback HTTPS (its host pattern is a constructor option); the SigningCertURL is not signed, so
// the same message verifies with the AWS URL for Hookscope and the loopback URL for the oracle.
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, globalAgent, type Server } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { snsCanonical } from '../../../electron/core/verify/sns.js';
import { assertStatus, fixedNow, NOW_MS, request, tamper } from '../../fixtures/signing.js';

/** sns-validator ships no types: the part used here. */
type SnsCallback = (error: Error | null | undefined) => void;
const MessageValidator = createRequire(import.meta.url)('sns-validator') as new (hostPattern?: RegExp) => { validate(message: object, callback: SnsCallback): void };

const keyFile = (name: string) => readFileSync(new URL(`./keys/${name}`, import.meta.url), 'utf8');
const signerCert = keyFile('signer-cert.pem');
const signerKey = createPrivateKey(keyFile('signer-key.pem'));
const otherCert = keyFile('other-cert.pem');
const otherKey = createPrivateKey(keyFile('other-key.pem'));
const AWS_CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem';
const timestamp = new Date(NOW_MS - 20_000).toISOString();

type Message = Record<string, string>;

function snsMessage(type: 'Notification' | 'SubscriptionConfirmation', version: '1' | '2', extra: Message = {}, key = signerKey): Message {
  const base: Message = {
    Type: type,
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders',
    Message: '{"order":"1001","status":"paid"}',
    Timestamp: timestamp,
    SignatureVersion: version,
    SigningCertURL: AWS_CERT_URL,
    ...(type === 'SubscriptionConfirmation'
      ? { Token: '2336412f37fb687f5d51e6e2425c464de', SubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336' }
      : { UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe' }),
    ...extra,
  };
  const signature = sign(version === '1' ? 'sha1' : 'sha256', snsCanonical(base), key).toString('base64');
  return { ...base, Signature: signature };
}

const snsHeaders: HeaderPair[] = [['x-amz-sns-message-type', 'Notification'], ['Content-Type', 'text/plain; charset=UTF-8']];
const pasted: VerificationConfig = { scheme: 'sns', secret: signerCert };

describe('Amazon SNS, with sns-validator as the oracle', () => {
  let server: Server;
  let loopbackUrl = '';
  before(async () => {
    server = createServer({ key: keyFile('signer-key.pem'), cert: signerCert }, (_req, res) => res.end(signerCert));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    loopbackUrl = `https://127.0.0.1:${(server.address() as { port: number }).port}/SimpleNotificationService-test.pem`;
    // The oracle fetches with the global agent; trust the self-signed loopback server for this file only.
    globalAgent.options.rejectUnauthorized = false;
  });
  after(() => {
    globalAgent.options.rejectUnauthorized = true;
    server.close();
  });

  const oracle = (message: Message) =>
    new Promise<boolean>((resolve) => {
      new MessageValidator(/^127\.0\.0\.1:\d+$/).validate({ ...message, SigningCertURL: loopbackUrl }, (error) => resolve(error === null || error === undefined));
    });

  for (const [type, version, extra] of [
    ['Notification', '1', { Subject: 'Order paid' }],
    ['Notification', '2', {}],
    ['SubscriptionConfirmation', '2', {}],
    ['SubscriptionConfirmation', '1', {}],
  ] as const) {
    it(`verifies a ${type} (SignatureVersion ${version}) exactly when sns-validator does`, async () => {
      const message = snsMessage(type, version, extra);
      const body = JSON.stringify(message);
      assert.equal(await oracle(message), true);
      assertStatus(verify(request(snsHeaders, body), pasted, fixedNow), 'valid', new RegExp(`RSA-SHA${version === '1' ? '1' : '256'}`));
      const changed = { ...message, Message: '{"order":"1001","status":"refunded"}' };
      assert.equal(await oracle(changed), false);
      assertStatus(verify(request(snsHeaders, JSON.stringify(changed)), pasted, fixedNow), 'invalid', /made with this key, but over other content/);
    });
  }

  it('tells another key from a changed body, and checks the age only when a tolerance is set', () => {
    const body = JSON.stringify(snsMessage('Notification', '2', {}, otherKey));
    assertStatus(verify(request(snsHeaders, body), pasted, fixedNow), 'invalid', /not made with the key set here/);
    const own = JSON.stringify(snsMessage('Notification', '2'));
    assertStatus(verify(request(snsHeaders, own), { ...pasted, toleranceSeconds: 10 }, fixedNow), 'invalid', /20 s in the past \(tolerance 10 s\)/);
    assertStatus(verify(request(snsHeaders, 'not json'), pasted, fixedNow), 'missing', /not an SNS message/);
  });

  it('refuses a certificate host that is not an SNS host, as sns-validator does', async () => {
    for (const url of ['https://evil.example/cert.pem', 'http://sns.eu-west-1.amazonaws.com/x.pem', 'https://sns.eu-west-1.amazonaws.com.evil.example/x.pem', 'https://sns.eu-west-1.amazonaws.com/x.txt']) {
      const message = { ...snsMessage('Notification', '2'), SigningCertURL: url };
      assertStatus(verify(request(snsHeaders, JSON.stringify(message)), pasted, fixedNow), 'invalid', /certificate host is not allowed/);
      await new Promise<void>((resolve) => new MessageValidator().validate(message, (error) => (assert.ok(error), resolve())));
    }
  });

  it('with the secret "fetch": unverified naming the URL until the certificate is given, then verified', () => {
    const body = JSON.stringify(snsMessage('Notification', '2'));
    const pending = verify(request(snsHeaders, body), { scheme: 'sns', secret: 'fetch' }, fixedNow);
    assertStatus(pending, 'unverified', /has not been fetched yet/);
    assert.equal(pending.details.certificateUrl, AWS_CERT_URL);
    const cached = verify(request(snsHeaders, body, { certificates: { [AWS_CERT_URL]: signerCert } }), { scheme: 'sns', secret: 'fetch' }, fixedNow);
    assertStatus(cached, 'valid');
  });

  it('reads a PEM whose line breaks were lost in a single-line field, and names an HMAC secret pasted instead', () => {
    const body = JSON.stringify(snsMessage('Notification', '1'));
    assertStatus(verify(request(snsHeaders, body), { scheme: 'sns', secret: signerCert.replace(/\n/g, '') }, fixedNow), 'valid');
    assertStatus(verify(request(snsHeaders, body), { scheme: 'sns', secret: 'my-shared-secret-123' }, fixedNow), 'invalid', /not a public key.*RSA/);
  });
});

describe('PayPal (PAYPAL-TRANSMISSION-SIG)', () => {
  const webhookId = 'WH-8PT597110X687430LKGECATA';
  const certUrl = 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77';
  const config: VerificationConfig = { scheme: 'paypal', secret: signerCert, webhookId };
  const payload = '{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"42311647XV020574X"}}';
  const time = new Date(NOW_MS - 5_000).toISOString();
  const transmissionId = '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
  /** PayPal's documented string: id|time|webhook id|crc32(body) in decimal. */
  const signed = (body: string | Buffer, key = signerKey, id = webhookId) => sign('sha256', Buffer.from(`${transmissionId}|${time}|${id}|${crc32(Buffer.from(body))}`), key).toString('base64');
  const headers = (signature: string, url = certUrl): HeaderPair[] => [
    ['PAYPAL-TRANSMISSION-ID', transmissionId],
    ['PAYPAL-TRANSMISSION-TIME', time],
    ['PAYPAL-TRANSMISSION-SIG', signature],
    ['PAYPAL-CERT-URL', url],
    ['PAYPAL-AUTH-ALGO', 'SHA256withRSA'],
  ];

  it('verifies the documented recipe and refuses a changed body, another key, another webhook id, a stale time', () => {
    assertStatus(verify(request(headers(signed(payload)), payload), config, fixedNow), 'valid', /CRC32/);
    assertStatus(verify(request(headers(signed(payload)), tamper(payload)), config, fixedNow), 'invalid', /over other content/);
    assertStatus(verify(request(headers(signed(payload, otherKey)), payload), config, fixedNow), 'invalid', /not made with the key set here/);
    assertStatus(verify(request(headers(signed(payload, signerKey, 'WH-OTHER')), payload), config, fixedNow), 'invalid', /over other content/);
    assertStatus(verify(request(headers(signed(payload)), payload), { ...config, toleranceSeconds: 2 }, fixedNow), 'invalid', /5 s in the past/);
  });

  it('refuses a certificate URL off PayPal, and waits for a fetch with "fetch"', () => {
    assertStatus(verify(request(headers(signed(payload), 'https://paypal.com.evil.example/cert'), payload), config, fixedNow), 'invalid', /certificate host is not allowed/);
    const pending = verify(request(headers(signed(payload)), payload), { ...config, secret: 'fetch' }, fixedNow);
    assertStatus(pending, 'unverified');
    assert.equal(pending.details.certificateUrl, certUrl);
  });
});

describe('Adobe I/O Events (two RSA-SHA256 signatures)', () => {
  const payload = '{"event_id":"7b4a3c43-3f0c-4b83-9f24-5cc1c3a7c4d1","event":{"activitystreams:object":{"xdmAsset:path":"/a.pdf"}}}';
  const headers = (first: string, second: string): HeaderPair[] => [
    ['x-adobe-digital-signature-1', first],
    ['x-adobe-digital-signature-2', second],
    ['x-adobe-public-key1-path', '/prod/keys/pub-key-voy5XEbWmT.pem'],
    ['x-adobe-public-key2-path', '/prod/keys/pub-key-maAv3Tg6ZH.pem'],
  ];
  const rsa = (body: string | Buffer, key = signerKey) => sign('sha256', Buffer.from(body), key).toString('base64');

  it('is valid when either signature verifies with a pasted key (Adobe rotates one key at a time)', () => {
    const config: VerificationConfig = { scheme: 'adobe-io', secret: signerCert };
    assertStatus(verify(request(headers(rsa(payload, otherKey), rsa(payload)), payload), config, fixedNow), 'valid');
    assertStatus(verify(request(headers(rsa(payload), rsa(payload)), tamper(payload)), config, fixedNow), 'invalid', /over other content/);
    assertStatus(verify(request(headers(rsa(payload, otherKey), rsa(payload, otherKey)), payload), config, fixedNow), 'invalid', /not made with the key set here/);
  });

  it('with "fetch", uses the key cached for each signature\'s own path', () => {
    const url2 = 'https://static.adobeioevents.com/prod/keys/pub-key-maAv3Tg6ZH.pem';
    const config: VerificationConfig = { scheme: 'adobe-io', secret: 'fetch' };
    const pending = verify(request(headers(rsa(payload, otherKey), rsa(payload)), payload), config, fixedNow);
    assertStatus(pending, 'unverified');
    assert.equal(pending.details.certificateUrl, 'https://static.adobeioevents.com/prod/keys/pub-key-voy5XEbWmT.pem');
    const cached = verify(request(headers(rsa(payload, otherKey), rsa(payload)), payload, { certificates: { [url2]: signerCert } }), config, fixedNow);
    assertStatus(cached, 'valid');
  });
});
