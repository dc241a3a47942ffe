// Endpoint-validation handshakes through the real core over loopback HTTP: each answered exactly as
// its provider requires, stored and marked as a handshake; `handshakes: false` turns it off; Amazon
// SNS confirmed only on the user's click and only on an SNS host (an https loopback server named
// sns.us-east-1.amazonaws.com by an injected resolver, trusted through an extra CA).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as boltHttp from '@slack/bolt/dist/receivers/HTTPModuleFunctions.js';
import type { DeliverySummary } from '../../electron/contract/index.js';
import { callMethod } from '../../electron/core/call-method.js';
import { subscribeUrlProblem } from '../../electron/core/deliveries/sns-subscription.js';
import { MAX_HANDSHAKE_BODY } from '../../electron/core/endpoints/handshakes.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';

const SNS_HOST = 'sns.us-east-1.amazonaws.com';

/** A self-signed certificate for the SNS host name, made with the openssl CLI. */
function snsCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope sns '));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '2', '-subj', `/CN=${SNS_HOST}`, '-addext', `subjectAltName=DNS:${SNS_HOST}`], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('handshakes, answered for the user', () => {
  let t: TestCore;
  let sns: Server;
  let snsPort = 0;
  const snsVisits: string[] = [];
  const asked: string[] = [];

  const api = async (method: string, args: unknown) => {
    const outcome = await callMethod(t.core.api, method, args);
    if (!outcome.ok) throw Object.assign(new Error(outcome.message), { code: outcome.code });
    return outcome.result as any;
  };
  const newest = async (slug: string): Promise<DeliverySummary> => (await api('deliveries.list', { endpoint: slug, limit: 1 })).deliveries[0];

  before(async () => {
    const { key, cert } = snsCertificate();
    sns = createServer({ key, cert }, (req, res) => {
      snsVisits.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:us-east-1:1:T:1</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>');
    });
    await new Promise<void>((resolve) => sns.listen(0, '127.0.0.1', resolve));
    snsPort = (sns.address() as { port: number }).port;
    t = await startTestCore({
      archiveFetch: {
        allowLoopback: true,
        ca: cert,
        lookup: async (hostname) => {
          asked.push(hostname);
          return hostname === SNS_HOST ? [{ address: '127.0.0.1', family: 4 }] : [];
        },
      },
    });
  });
  after(async () => {
    await t.stop();
    await new Promise((resolve) => sns.close(resolve));
  });

  it('Slack url_verification: echoed as Slack’s Bolt answers it, stored and marked', async () => {
    await api('endpoints.create', { slug: 'slack', provider: 'slack' });
    const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const res = await send(`${t.captureUrl}/slack`, { headers: ['Content-Type', 'application/json'], body });
    // The oracle: what @slack/bolt's HTTP receiver writes for the same body.
    const bolt = { status: 0, headers: {} as Record<string, string>, body: '' };
    boltHttp.buildUrlVerificationResponse(
      { writeHead: (s: number, h: Record<string, string>) => Object.assign(bolt, { status: s, headers: h }), end: (b: string) => (bolt.body = b) } as never,
      JSON.parse(body),
    );
    assert.equal(res.status, bolt.status);
    assert.equal(res.headers['content-type'], bolt.headers['content-type']);
    assert.equal(res.body.toString(), bolt.body);
    const stored = await newest('slack');
    assert.equal(stored.handshake?.kind, 'slack-url-verification');
    assert.match(stored.handshake?.answered ?? '', /challenge/);
    const detail = await api('deliveries.get', { id: stored.id });
    assert.equal(detail.response.body, bolt.body, 'the stored answer is what was sent');
  });

  it('Slack: an ordinary event on the same endpoint gets the endpoint’s rule, not a handshake', async () => {
    const res = await send(`${t.captureUrl}/slack`, { headers: ['Content-Type', 'application/json'], body: '{"type":"event_callback","event":{"type":"app_mention"}}' });
    assert.equal(res.body.toString(), '{"received":true}');
    assert.equal((await newest('slack')).handshake, null);
  });

  it('Zoom endpoint.url_validation: plainToken and its HMAC-SHA256 with the secret token (hex)', async () => {
    const secret = 'zoom-secret-token-0123456789';
    await api('endpoints.create', { slug: 'zoom', provider: 'zoom', verification: { scheme: 'header', header: 'x-zm-signature', secret } });
    const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
    const res = await send(`${t.captureUrl}/zoom`, {
      headers: ['Content-Type', 'application/json'],
      body: JSON.stringify({ payload: { plainToken }, event_ts: 1654503849680, event: 'endpoint.url_validation' }),
    });
    assert.equal(res.status, 200);
    // Zoom's documented recipe: crypto.createHmac('sha256', ZOOM_WEBHOOK_SECRET_TOKEN).update(plainToken).digest('hex').
    assert.deepEqual(JSON.parse(res.body.toString()), { plainToken, encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex') });
    assert.equal((await newest('zoom')).handshake?.kind, 'zoom-url-validation');
  });

  it('Twitch webhook_callback_verification: the challenge as text/plain', async () => {
    await api('endpoints.create', { slug: 'twitch', provider: 'twitch' });
    const res = await send(`${t.captureUrl}/twitch`, {
      headers: ['Content-Type', 'application/json', 'Twitch-Eventsub-Message-Type', 'webhook_callback_verification'],
      body: JSON.stringify({ challenge: 'pogchamp-kappa-360noscope-vohiyo', subscription: { id: 'f1c2a387', type: 'channel.follow' } }),
    });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.body.toString(), 'pogchamp-kappa-360noscope-vohiyo');
  });

  it('Microsoft Graph ?validationToken=: decoded and echoed as text/plain', async () => {
    await api('endpoints.create', { slug: 'graph', provider: 'microsoft-graph' });
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 1a2b';
    const res = await send(`${t.captureUrl}/graph?validationToken=${encodeURIComponent(token)}`, { body: '' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.body.toString(), token);
  });

  it('Meta hub.mode=subscribe: hub.challenge only with the right verify token', async () => {
    await api('endpoints.create', { slug: 'meta', provider: 'whatsapp', verifyToken: 'my-verify-token' });
    const url = (token: string) => `${t.captureUrl}/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`;
    const ok = await send(url('my-verify-token'), { method: 'GET' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.toString(), '1158201444');
    const refused = await send(url('guess'), { method: 'GET' });
    assert.equal(refused.status, 403);
    assert.ok(!refused.body.toString().includes('1158201444'));
    const stored = await newest('meta');
    assert.match(stored.handshake?.answered ?? '', /refused/);
  });

  it('Dropbox ?challenge=: echoed with text/plain and nosniff', async () => {
    await api('endpoints.create', { slug: 'dropbox', provider: 'dropbox' });
    const res = await send(`${t.captureUrl}/dropbox?challenge=ZWNobyB0aGlz`, { method: 'GET' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.body.toString(), 'ZWNobyB0aGlz');
  });

  it('Asana X-Hook-Secret: echoed in the answer’s header', async () => {
    await api('endpoints.create', { slug: 'asana', provider: 'asana' });
    const res = await send(`${t.captureUrl}/asana`, { headers: ['X-Hook-Secret', 'b537207f20cbfa02357cf448134da559e8bd039bb80d'], body: '' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-hook-secret'], 'b537207f20cbfa02357cf448134da559e8bd039bb80d');
  });

  it('handshakes: false answers by the endpoint’s rule and marks nothing', async () => {
    await api('endpoints.create', { slug: 'slack-off', provider: 'slack', handshakes: false });
    const res = await send(`${t.captureUrl}/slack-off`, { headers: ['Content-Type', 'application/json'], body: '{"type":"url_verification","challenge":"abc"}' });
    assert.equal(res.body.toString(), '{"received":true}');
    assert.equal((await newest('slack-off')).handshake, null);
    const updated = await api('endpoints.update', { slug: 'slack-off', handshakes: true });
    assert.equal(updated.handshakes, true);
    const again = await send(`${t.captureUrl}/slack-off`, { headers: ['Content-Type', 'application/json'], body: '{"type":"url_verification","challenge":"abc"}' });
    assert.equal(again.body.toString(), '{"challenge":"abc"}');
  });

  it('a scheme alone names the handshake; an endpoint with neither provider nor scheme answers nothing special', async () => {
    await api('endpoints.create', { slug: 'slack-scheme', verification: { scheme: 'slack', secret: 'slack-signing-secret' } });
    const res = await send(`${t.captureUrl}/slack-scheme`, { headers: ['Content-Type', 'application/json'], body: '{"type":"url_verification","challenge":"xyz"}' });
    assert.equal(res.body.toString(), '{"challenge":"xyz"}');
    const plain = await send(`${t.captureUrl}/nobody`, { headers: ['Content-Type', 'application/json'], body: '{"type":"url_verification","challenge":"xyz"}' });
    assert.equal(plain.body.toString(), '{"received":true}');
  });

  it('a challenge body past the bound is not read before answering', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'big', pad: 'p'.repeat(MAX_HANDSHAKE_BODY) });
    const res = await send(`${t.captureUrl}/slack`, { headers: ['Content-Type', 'application/json'], body });
    assert.equal(res.body.toString(), '{"received":true}');
    assert.equal((await newest('slack')).handshake, null);
  });

  describe('Amazon SNS SubscriptionConfirmation', () => {
    const confirmation = (subscribeUrl: string) =>
      JSON.stringify({
        Type: 'SubscriptionConfirmation',
        MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
        Token: '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a7',
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:MyTopic',
        Message: 'You have chosen to subscribe to the topic arn:aws:sns:us-east-1:123456789012:MyTopic.',
        SubscribeURL: subscribeUrl,
        Timestamp: '2026-04-06T10:01:25.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertURL: `https://${SNS_HOST}/SimpleNotificationService-0000000000000000000000.pem`,
      });
    const deliver = async (subscribeUrl: string) => {
      await send(`${t.captureUrl}/sns`, { headers: ['Content-Type', 'text/plain; charset=UTF-8', 'x-amz-sns-message-type', 'SubscriptionConfirmation'], body: confirmation(subscribeUrl) });
      return newest('sns');
    };

    before(async () => {
      await api('endpoints.create', { slug: 'sns', provider: 'sns' });
    });

    it('is stored and waits: nothing is visited until the user clicks', async () => {
      const stored = await deliver(`https://${SNS_HOST}:${snsPort}/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:MyTopic&Token=2336412f`);
      assert.deepEqual(stored.handshake, { kind: 'sns-subscription', answered: 'waiting for you: confirm the subscription in Hookscope', confirmed: false });
      assert.equal(stored.responseStatus, 200);
      await t.core.documentsSettled();
      assert.deepEqual(snsVisits, [], 'the SubscribeURL was not visited on arrival');

      const confirmed = await api('deliveries.confirm', { id: stored.id });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.handshake.confirmed, true);
      assert.deepEqual(snsVisits, ['/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:MyTopic&Token=2336412f']);
      assert.ok(asked.includes(SNS_HOST));
      assert.equal((await api('deliveries.get', { id: stored.id })).handshake.confirmed, true);
    });

    it('refuses a SubscribeURL that is not on an SNS host, without fetching it', async () => {
      const visitsBefore = snsVisits.length;
      for (const url of [`https://evil.example.com:${snsPort}/confirm`, `http://${SNS_HOST}:${snsPort}/`, `https://sns.us-east-1.amazonaws.com.evil.test:${snsPort}/`]) {
        const stored = await deliver(url);
        await assert.rejects(api('deliveries.confirm', { id: stored.id }), (error: { code: string; message: string }) => {
          assert.equal(error.code, 'forbidden');
          assert.match(error.message, /not visited: .*(not an Amazon SNS host|must be https)/);
          return true;
        });
      }
      assert.equal(snsVisits.length, visitsBefore);
    });

    it('refuses to confirm a delivery that is not an SNS SubscriptionConfirmation', async () => {
      await assert.rejects(api('deliveries.confirm', { id: (await newest('slack')).id }), /not an Amazon SNS SubscriptionConfirmation/);
    });

    it('the host policy, table-tested', () => {
      for (const ok of ['https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription', 'https://sns.us-gov-west-1.amazonaws.com/x', 'https://sns.cn-north-1.amazonaws.com.cn/x']) {
        assert.equal(subscribeUrlProblem(ok), null, ok);
      }
      for (const bad of ['http://sns.us-east-1.amazonaws.com/', 'https://sns.amazonaws.com/', 'https://evil.com/?sns.us-east-1.amazonaws.com', 'https://user:pw@sns.us-east-1.amazonaws.com/',
        'https://sns.us-east-1.amazonaws.com.evil.com/', 'https://127.0.0.1/', 'file:///etc/passwd', 'not a url']) {
        assert.notEqual(subscribeUrlProblem(bad), null, bad);
      }
    });
  });
});
