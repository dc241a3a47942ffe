// The certificate cache between two verifications: it asks only for allowed URLs, fetches each
// once, and what it holds makes the verifier's `fetch` mode verify. The guarded fetcher refuses a
// URL that resolves to a private address before connecting (fetchDocument's address guard).
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CertificateCache, guardedFetcher } from '../../../electron/core/verify/certificate-cache.js';
import { verify } from '../../../electron/core/verify/index.js';
import { snsCanonical } from '../../../electron/core/verify/sns.js';
import { fixedNow, NOW_MS, request } from '../../fixtures/signing.js';

const keyFile = (name: string) => readFileSync(new URL(`./keys/${name}`, import.meta.url), 'utf8');
const cert = keyFile('signer-cert.pem');
const URL_OK = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem';

describe('CertificateCache', () => {
  it('refuses a disallowed host without fetching, and fetches an allowed URL once for concurrent asks', async () => {
    const asked: string[] = [];
    const cache = new CertificateCache(async (url) => (asked.push(url), { pem: cert }));
    assert.match((await cache.ensure('sns', 'https://evil.example/x.pem')).error ?? '', /certificate host is not allowed/);
    const [a, b] = await Promise.all([cache.ensure('sns', URL_OK), cache.ensure('sns', URL_OK)]);
    assert.equal(a.pem, cert);
    assert.equal(b.pem, cert);
    await cache.ensure('sns', URL_OK);
    assert.deepEqual(asked, [URL_OK]);
  });

  it('does not keep a failure, and keeps at most maxEntries', async () => {
    let fail = true;
    const cache = new CertificateCache(async () => (fail ? { error: 'offline' } : { pem: cert }), 2);
    assert.equal((await cache.ensure('sns', URL_OK)).error, 'offline');
    fail = false;
    assert.equal((await cache.ensure('sns', URL_OK)).pem, cert);
    for (const region of ['eu-west-1', 'eu-west-2']) await cache.ensure('sns', `https://sns.${region}.amazonaws.com/c.pem`);
    assert.deepEqual(Object.keys(cache.snapshot()).length, 2);
    assert.ok(!(URL_OK in cache.snapshot()));
  });

  it('what it holds turns an unverified SNS message valid', async () => {
    const base = { Type: 'Notification', MessageId: 'm1', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'hi', Timestamp: new Date(NOW_MS).toISOString(), SignatureVersion: '2', SigningCertURL: URL_OK };
    const body = JSON.stringify({ ...base, Signature: sign('sha256', snsCanonical(base), createPrivateKey(keyFile('signer-key.pem'))).toString('base64') });
    const config = { scheme: 'sns', secret: 'fetch' } as const;
    const first = verify(request([], body), config, fixedNow);
    assert.equal(first.status, 'unverified');
    const cache = new CertificateCache(async () => ({ pem: cert }));
    await cache.ensure('sns', first.details.certificateUrl!);
    assert.equal(verify(request([], body, { certificates: cache.snapshot() }), config, fixedNow).status, 'valid');
  });

  it('the guarded fetcher refuses an allowed name that resolves to a private address, before connecting', async () => {
    const connected: string[] = [];
    const fetcher = guardedFetcher({ lookup: async () => [{ address: '10.0.0.7', family: 4 }], beforeConnect: (hop) => connected.push(hop.address) });
    const answer = await fetcher(URL_OK);
    assert.match(answer.error ?? '', /could not be fetched/);
    assert.deepEqual(connected, []);
  });
});
