// `trigger` against real loopback handlers: each seed template arrives signed so that the
// provider's official library (or, where none exists, the recipe its document gives) says valid;
// every template in the catalogue arrives verifiable; a failing handler sees the provider's
// retries in order, re-signed; slow and wrong-ack handlers get the verdict naming their rule.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { isValidSlackRequest } from '@slack/bolt';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import type { HeaderPair, ProviderId, TriggerRun } from '../../electron/contract/index.js';
import { providerEntry } from '../../electron/core/providers/index.js';
import { deliverPrepared, prepareTrigger, realDeliverDeps, templates, type TriggerOptions } from '../../electron/core/trigger/index.js';
import { verify, type VerificationConfig } from '../../electron/core/verify/index.js';
import { providerSigners } from '../fixtures/provider-signers.js';
import { headerOf, type ReceivedRequest, startTargetServer, type TargetServer } from '../helpers/target-server.js';

const SECRET = 'trigger-test-secret-0123456789abcdef';
const WHSEC = `whsec_${Buffer.from('trigger-test-secret-0123456789ab').toString('base64')}`;

const json = (r: ReceivedRequest) => JSON.parse(r.body.toString('utf8')) as Record<string, any>;
/** The documented recipe of references 002 (PDF Gorilla) and 004 (GoShiip): hex HMAC-SHA256 of the raw body. */
function bodyHmacValid(r: ReceivedRequest, header: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(r.body).digest('hex');
  const received = headerOf(r.headers, header) ?? '';
  return expected.length === received.length && timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}

async function trigger(options: Omit<TriggerOptions, 'url'> & { url?: string }, target: TargetServer, maxAttempts?: number): Promise<TriggerRun> {
  const prepared = prepareTrigger({ url: `${target.url}/webhooks`, ...options }, Date.now());
  return deliverPrepared(prepared, realDeliverDeps, { maxAttempts });
}

describe('trigger: the seed templates, checked by the receiver the documents describe', () => {
  let target: TargetServer;
  before(async () => {
    target = await startTargetServer(() => ({ status: 200, headers: [['Content-Type', 'application/json']], body: '{"ack":"done"}' }));
  });
  after(() => target.close());

  for (const id of ['pdfgorilla.completed', 'pdfgorilla.failed', 'pdfgorilla.canceled']) {
    it(`${id}: x-pdfg-signature valid by reference 002's recipe, x-pdfg-event-id = jobId, met`, async () => {
      const run = await trigger({ templateId: id, secret: SECRET }, target);
      const r = target.received.at(-1)!;
      assert.ok(bodyHmacValid(r, 'x-pdfg-signature', SECRET));
      assert.equal(headerOf(r.headers, 'x-pdfg-event-id'), json(r).jobId);
      assert.equal(json(r).status, id.split('.')[1]);
      assert.equal(run.verdict?.met, true, run.verdict?.message);
    });
  }

  for (const id of ['goshiip.pending', 'goshiip.in_progress', 'goshiip.picked_up', 'goshiip.delivered']) {
    it(`${id}: X-Signature valid by reference 004's recipe`, async () => {
      const run = await trigger({ templateId: id, secret: SECRET }, target);
      const r = target.received.at(-1)!;
      assert.ok(bodyHmacValid(r, 'X-Signature', SECRET));
      assert.ok(['Pending', 'In Progress', 'Picked Up', 'Delivered'].includes(json(r).shipment.data.status));
      assert.equal(run.verdict?.met, true);
    });
  }

  for (const id of ['pdfshift.success', 'pdfshift.failure']) {
    it(`${id}: the webhook body, unsigned as PDFShift sends it`, async () => {
      const run = await trigger({ templateId: id }, target);
      const r = target.received.at(-1)!;
      assert.equal(json(r).success, id.endsWith('success'));
      assert.equal(run.signing.signed, false);
      assert.equal(run.verdict?.met, true);
    });
  }

  for (const id of ['adobe.done', 'adobe.failed']) {
    it(`${id}: the CALLBACK notifier's configured headers echoed, {"ack":"done"} accepted`, async () => {
      const run = await trigger({ templateId: id, headers: [['x-api-key', 'dummykey'], ['access-token', 'dummytoken']] }, target);
      const r = target.received.at(-1)!;
      assert.equal(headerOf(r.headers, 'x-api-key'), 'dummykey');
      assert.equal(headerOf(r.headers, 'access-token'), 'dummytoken');
      assert.equal(json(r).statusResponse.status, id.split('.')[1]);
      assert.equal(run.verdict?.met, true, run.verdict?.message);
    });
  }

  it('Stripe: Stripe-Signature valid by the stripe library, with the --set edit inside', async () => {
    const secret = 'whsec_trigger_stripe_secret';
    await trigger({ templateId: 'stripe.invoice.paid', secret, sets: ['data.object.amount_paid=5000'] }, target);
    const r = target.received.at(-1)!;
    const event = Stripe.webhooks.constructEvent(r.body, headerOf(r.headers, 'Stripe-Signature')!, secret);
    assert.equal(event.type, 'invoice.paid');
    assert.equal((event.data.object as { amount_paid: number }).amount_paid, 5000);
  });

  it('GitHub: X-Hub-Signature-256 valid by @octokit/webhooks-methods', async () => {
    await trigger({ templateId: 'github.push', secret: SECRET }, target);
    const r = target.received.at(-1)!;
    assert.equal(headerOf(r.headers, 'X-GitHub-Event'), 'push');
    assert.ok(await octokitVerify(SECRET, r.body.toString('utf8'), headerOf(r.headers, 'X-Hub-Signature-256')!));
  });

  it('Standard Webhooks: valid by the standardwebhooks library', async () => {
    await trigger({ templateId: 'standard-webhooks.invoice.paid', secret: WHSEC }, target);
    const r = target.received.at(-1)!;
    const headers = Object.fromEntries(r.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert.deepEqual((new StandardWebhook(WHSEC.slice(6)).verify(r.body.toString('utf8'), headers) as { type: string }).type, 'invoice.paid');
  });

  it('Slack: valid by @slack/bolt\'s verifier', async () => {
    await trigger({ templateId: 'slack.app_mention', secret: SECRET }, target);
    const r = target.received.at(-1)!;
    assert.ok(
      isValidSlackRequest({
        signingSecret: SECRET,
        body: r.body.toString('utf8'),
        headers: { 'x-slack-signature': headerOf(r.headers, 'X-Slack-Signature')!, 'x-slack-request-timestamp': Number(headerOf(r.headers, 'X-Slack-Request-Timestamp')) },
      }),
    );
  });

  it('Shopify: X-Shopify-Hmac-Sha256 valid by Shopify\'s documented recipe (base64 HMAC of the body)', async () => {
    await trigger({ templateId: 'shopify.orders.create', secret: SECRET }, target);
    const r = target.received.at(-1)!;
    assert.equal(headerOf(r.headers, 'X-Shopify-Topic'), 'orders/create');
    assert.equal(headerOf(r.headers, 'X-Shopify-Hmac-Sha256'), createHmac('sha256', SECRET).update(r.body).digest('base64'));
  });
});

describe('trigger: every template', () => {
  let target: TargetServer;
  before(async () => {
    target = await startTargetServer(() => ({ status: 200, headers: [['Content-Type', 'application/json']], body: '{"ack":"done"}' }));
  });
  after(() => target.close());

  it('arrives, and where Hookscope can sign for the provider, verifies (official library where the fixtures have one)', async () => {
    const unsigned: string[] = [];
    for (const t of templates) {
      const entry = providerEntry(t.provider)!;
      const signer = providerSigners[t.provider as ProviderId];
      const url = `${target.url}/hook/${t.provider}`;
      let run: TriggerRun;
      try {
        run = await trigger({ templateId: t.id, url, secret: entry.verification && signer ? signer.secret : undefined }, target);
      } catch (error) {
        // Private-key and in-body schemes refuse a secret (by design, with a reason): send unsigned.
        assert.match((error as Error).message, /private key|inside the body/, t.id);
        run = await trigger({ templateId: t.id, url }, target);
      }
      const r = target.received.at(-1)!;
      assert.equal(r.url, `/hook/${t.provider}`, t.id);
      if (!run.signing.signed) {
        unsigned.push(t.id);
        continue;
      }
      const signed = { headers: r.headers, body: r.body };
      const ctx = { nowS: Math.floor(Date.now() / 1000), calledUrl: url };
      if (signer?.oracle) {
        assert.ok(await signer.oracle(signed, ctx), `${t.id}: the official library says invalid`);
      } else {
        const config = { ...entry.verification!.options, ...signer?.options, scheme: entry.verification!.scheme, secret: signer!.secret } as unknown as VerificationConfig;
        const result = verify({ method: 'POST', url: r.url, headers: r.headers as HeaderPair[], body: r.body, publicUrl: target.url }, config, () => Date.now());
        assert.equal(result.status, 'valid', `${t.id}: ${result.reason}`);
      }
    }
    // Unsigned: providers that do not sign, and those only the provider can sign for.
    const expected = templates.filter((t) => {
      const scheme = providerEntry(t.provider)!.verification?.scheme;
      return !scheme || ['discord', 'sendgrid', 'sns', 'paypal', 'adobe-io', 'plaid', 'mailgun', 'adyen'].includes(scheme);
    });
    assert.deepEqual(unsigned, expected.map((t) => t.id));
  });
});

describe('trigger: the provider\'s behaviour', () => {
  it('a handler answering 500 sees Svix\'s 7 retries, in order, same message id, each re-signed and valid', async () => {
    const target = await startTargetServer(() => ({ status: 500, body: 'boom' }));
    try {
      const run = await trigger({ templateId: 'standard-webhooks.invoice.paid', secret: WHSEC, speed: 200_000 }, target);
      assert.equal(target.received.length, 8);
      assert.deepEqual(run.attempts.map((a) => a.number), [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.deepEqual(run.attempts.map((a) => a.scheduledDelayMs), [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
      const ids = new Set(target.received.map((r) => headerOf(r.headers, 'webhook-id')));
      assert.equal(ids.size, 1, 'a retry is the same message');
      const timestamps = target.received.map((r) => Number(headerOf(r.headers, 'webhook-timestamp')));
      assert.deepEqual(timestamps, [...timestamps].sort((a, b) => a - b));
      const wh = new StandardWebhook(WHSEC.slice(6));
      for (const r of target.received) wh.verify(r.body.toString('utf8'), Object.fromEntries(r.headers.map(([n, v]) => [n.toLowerCase(), v])));
      assert.equal(run.verdict?.met, false);
      assert.match(run.verdict!.message, /answered 500.*gave up: all 8 attempts failed/);
    } finally {
      await target.close();
    }
  });

  it('a handler answering 500 to Slack sees 3 retries numbered 1, 2, 3 with the reason, each valid; a fixed handler is accepted on retry', async () => {
    let answered = 0;
    const target = await startTargetServer(() => (++answered < 4 ? { status: 500 } : { status: 200 }));
    try {
      const run = await trigger({ templateId: 'slack.message', secret: SECRET, speed: 1e6 }, target);
      assert.deepEqual(target.received.map((r) => headerOf(r.headers, 'X-Slack-Retry-Num') ?? null), [null, '1', '2', '3']);
      assert.deepEqual(target.received.slice(1).map((r) => headerOf(r.headers, 'X-Slack-Retry-Reason')), ['http_error', 'http_error', 'http_error']);
      for (const r of target.received) {
        const headers = { 'x-slack-signature': headerOf(r.headers, 'X-Slack-Signature')!, 'x-slack-request-timestamp': Number(headerOf(r.headers, 'X-Slack-Request-Timestamp')) };
        assert.ok(isValidSlackRequest({ signingSecret: SECRET, body: r.body.toString('utf8'), headers }));
      }
      assert.equal(run.verdict?.met, false, 'the first answer failed the contract');
      assert.equal(run.verdict?.metOnAttempt, 4);
    } finally {
      await target.close();
    }
  });

  it('a slow PDF Gorilla handler (answering after 6.2 s) fails on the 5 s deadline', async () => {
    const target = await startTargetServer(() => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 6_200)));
    try {
      const run = await trigger({ templateId: 'pdfgorilla.completed', secret: SECRET }, target);
      assert.equal(run.attempts.length, 1);
      assert.equal(run.attempts[0]!.error?.code, 'timeout');
      assert.equal(run.verdict?.rule, 'deadline');
      assert.match(run.verdict!.message, /^PDF Gorilla would count this as failed: no answer within 5 s \(PDF Gorilla's limit\)/);
    } finally {
      await target.close();
    }
  });

  it('an Adobe handler answering 200 without {"ack":"done"} fails on the ack rule, its body quoted', async () => {
    const target = await startTargetServer(() => ({ status: 200, headers: [['Content-Type', 'application/json']], body: '{"received":true}' }));
    try {
      const run = await trigger({ templateId: 'adobe.done' }, target);
      assert.equal(run.verdict?.rule, 'ack-body');
      assert.match(run.verdict!.message, /answered 200 with "\{\\"received\\":true\}"; Adobe PDF Services requires the JSON body \{"ack":"done"\}/);
      assert.match(run.verdict!.message, /1 of 50 in the last 10 min/);
    } finally {
      await target.close();
    }
  });

  it('--contract none sends once to a failing handler and judges only the 2xx', async () => {
    const target = await startTargetServer(() => ({ status: 503 }));
    try {
      const run = await trigger({ templateId: 'slack.message', secret: SECRET, contract: 'none' }, target);
      assert.equal(target.received.length, 1);
      assert.equal(run.verdict?.met, false);
      assert.equal(run.verdict?.rule, 'status');
    } finally {
      await target.close();
    }
  });
});
