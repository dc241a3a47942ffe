// Templates for the providers most receivers are written against, shaped as their docs show them:
// Stripe's event envelope, GitHub's headers, Standard Webhooks, Shopify's topic headers and Slack's
// Events API callbacks (with its retry headers). Ids and times are fresh on every send.
import type { HeaderPair } from '../../contract/index.js';
import { ALNUM, type FreshSource, LOWER_ALNUM } from './fresh.js';
import { CONTENT_JSON, json, post, type Template } from './template.js';

const HEX = '0123456789abcdef';
const unix = (f: FreshSource) => Math.floor(f.nowMs / 1000);
const iso = (f: FreshSource) => new Date(f.nowMs).toISOString();

// ---- Stripe: https://docs.stripe.com/api/events/object ------------------------------------------

function stripe(type: string, object: (f: FreshSource) => Record<string, unknown>): Template {
  return {
    id: `stripe.${type}`,
    provider: 'stripe',
    event: type,
    title: `Stripe: ${type}`,
    source: 'Stripe, "The Event object" (docs.stripe.com/api/events/object) with the data object\'s documented fields.',
    notes: ['Stripe signs Stripe-Signature with the endpoint\'s signing secret (whsec_…): pass it with --secret.'],
    build(f) {
      const event = {
        id: `evt_${f.chars(ALNUM, 24)}`,
        object: 'event',
        api_version: '2024-06-20',
        created: unix(f),
        data: { object: object(f) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: `req_${f.chars(ALNUM, 14)}`, idempotency_key: f.uuid() },
        type,
      };
      // Stripe sends its events pretty-printed; a receiver must verify the bytes, not a re-serialisation.
      return post([['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'], ['Content-Type', 'application/json; charset=utf-8']], { json: event, indent: 2 });
    },
  };
}

const paymentIntent = (status: string) => (f: FreshSource) => ({
  id: `pi_${f.chars(ALNUM, 24)}`,
  object: 'payment_intent',
  amount: 2000,
  currency: 'usd',
  customer: `cus_${f.chars(ALNUM, 14)}`,
  status,
  ...(status === 'requires_payment_method' ? { last_payment_error: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } } : {}),
});
const invoice = (paid: boolean) => (f: FreshSource) => {
  const id = `in_${f.chars(ALNUM, 24)}`;
  return {
    id,
    object: 'invoice',
    amount_due: 2000,
    amount_paid: paid ? 2000 : 0,
    currency: 'usd',
    customer: `cus_${f.chars(ALNUM, 14)}`,
    subscription: `sub_${f.chars(ALNUM, 24)}`,
    status: paid ? 'paid' : 'open',
    attempt_count: paid ? 1 : 2,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_${f.chars(ALNUM, 16)}/test_${f.chars(ALNUM, 40)}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_${f.chars(ALNUM, 16)}/test_${f.chars(ALNUM, 40)}/pdf?s=ap`,
  };
};
const checkoutSession = (f: FreshSource) => ({
  id: `cs_test_${f.chars(ALNUM, 58)}`,
  object: 'checkout.session',
  amount_total: 2000,
  currency: 'usd',
  customer: `cus_${f.chars(ALNUM, 14)}`,
  mode: 'payment',
  payment_intent: `pi_${f.chars(ALNUM, 24)}`,
  payment_status: 'paid',
  status: 'complete',
});

// ---- GitHub: https://docs.github.com/en/webhooks/webhook-events-and-payloads ----------------

function github(event: string, action: string | null, payload: (f: FreshSource) => Record<string, unknown>): Template {
  const name = action ? `${event}.${action}` : event;
  return {
    id: `github.${name}`,
    provider: 'github',
    event: name,
    title: `GitHub: ${name}`,
    source: 'GitHub, "Webhook events and payloads" and "Delivery headers" (docs.github.com/en/webhooks).',
    notes: ['GitHub signs X-Hub-Signature-256 with the webhook\'s secret: pass it with --secret.'],
    build(f) {
      const headers: HeaderPair[] = [
        ['User-Agent', `GitHub-Hookshot/${f.chars(HEX, 7)}`],
        CONTENT_JSON,
        ['X-GitHub-Delivery', f.uuid()],
        ['X-GitHub-Event', event],
        ['X-GitHub-Hook-ID', '292430182'],
        ['X-GitHub-Hook-Installation-Target-ID', '79929171'],
        ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
      ];
      const repository = { id: 79929171, name: 'hello', full_name: 'octo-org/hello', html_url: 'https://github.com/octo-org/hello', private: false };
      const sender = { login: 'octocat', id: 583231, type: 'User' };
      return post(headers, json({ ...(action ? { action } : {}), ...payload(f), repository, sender }));
    },
  };
}

const push = (f: FreshSource) => {
  const after = f.chars(HEX, 40);
  return {
    ref: 'refs/heads/main',
    before: f.chars(HEX, 40),
    after,
    head_commit: { id: after, message: 'Fix the webhook handler', timestamp: new Date(f.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), author: { name: 'Octo Cat', email: 'octocat@github.com' } },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
  };
};

// ---- Standard Webhooks: https://www.standardwebhooks.com (payload: type, timestamp, data) ------

function standard(type: string, data: (f: FreshSource) => Record<string, unknown>): Template {
  return {
    id: `standard-webhooks.${type}`,
    provider: 'standard-webhooks',
    event: type,
    title: `Standard Webhooks: ${type}`,
    source: 'Standard Webhooks specification, "Payload structure" (type, timestamp, data); delivered as Svix delivers it.',
    notes: ['Signed with a whsec_… secret (base64 after the prefix), as Svix and Standard Webhooks senders do: pass it with --secret.'],
    build: (f) => post([CONTENT_JSON, ['User-Agent', 'Svix-Webhooks/1.x (sender-hookscope)']], json({ type, timestamp: iso(f), data: data(f) })),
  };
}

// ---- Shopify: https://shopify.dev/docs/apps/build/webhooks/subscribe/https -------------------

function shopify(topic: string, payload: (f: FreshSource) => Record<string, unknown>): Template {
  return {
    id: `shopify.${topic.replace(/\//g, '.')}`,
    provider: 'shopify',
    event: topic,
    title: `Shopify: ${topic}`,
    source: 'Shopify, "Deliver webhooks through HTTPS" (headers) and the webhook topic\'s payload reference.',
    notes: ['Shopify signs X-Shopify-Hmac-Sha256 with the app\'s client secret: pass it with --secret.'],
    build(f) {
      const headers: HeaderPair[] = [
        CONTENT_JSON,
        ['X-Shopify-Topic', topic],
        ['X-Shopify-Shop-Domain', 'hookscope-test.myshopify.com'],
        ['X-Shopify-API-Version', '2025-01'],
        ['X-Shopify-Webhook-Id', f.uuid()],
        ['X-Shopify-Event-Id', f.uuid()],
        ['X-Shopify-Triggered-At', iso(f)],
      ];
      return post(headers, json(payload(f)));
    },
  };
}

const order = (paid: boolean) => (f: FreshSource) => ({
  id: Number(`82098291${f.chars('0123456789', 5)}`),
  admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
  email: 'jon@example.com',
  created_at: iso(f),
  currency: 'USD',
  financial_status: paid ? 'paid' : 'pending',
  total_price: '403.00',
  line_items: [{ id: 866550311766439020, title: 'IPod Nano - 8GB', quantity: 1, price: '199.00' }],
});

// ---- Slack Events API: https://api.slack.com/apis/events-api -----------------------------------

function slack(type: string, event: (f: FreshSource) => Record<string, unknown>): Template {
  return {
    id: `slack.${type}`,
    provider: 'slack',
    event: type,
    title: `Slack: ${type} (Events API)`,
    source: 'Slack Events API, "Callback field overview" (api.slack.com/apis/events-api).',
    notes: ['Slack signs X-Slack-Signature with the app\'s signing secret: pass it with --secret. Retries carry X-Slack-Retry-Num and X-Slack-Retry-Reason.'],
    build(f) {
      const body = {
        token: f.chars(ALNUM, 24),
        team_id: `T${f.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}`,
        api_app_id: `A${f.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}`,
        event: { ...event(f), event_ts: `${unix(f)}.000100` },
        type: 'event_callback',
        event_id: `Ev${f.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}`,
        event_time: unix(f),
      };
      return post([['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'], CONTENT_JSON], json(body));
    },
    retryHeaders: (retry, reason) => [
      ['X-Slack-Retry-Num', String(retry)],
      ['X-Slack-Retry-Reason', reason],
    ],
  };
}

const message = (type: string) => (f: FreshSource) => ({
  type,
  user: `U${f.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}`,
  text: type === 'app_mention' ? '<@U0LAN0Z89> is it everything a river should be?' : 'Hello world',
  ts: `${unix(f)}.000200`,
  channel: `C${f.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8)}`,
});

export const knownTemplates: readonly Template[] = [
  stripe('payment_intent.succeeded', paymentIntent('succeeded')),
  stripe('payment_intent.payment_failed', paymentIntent('requires_payment_method')),
  stripe('invoice.paid', invoice(true)),
  stripe('invoice.payment_failed', invoice(false)),
  stripe('checkout.session.completed', checkoutSession),
  github('push', null, push),
  github('ping', null, (f) => ({ zen: 'Design for failure.', hook_id: 292430182, hook: { type: 'Repository', id: 292430182, active: true, events: ['push'], config: { content_type: 'json', url: 'https://example.com/webhooks' } }, zen_nonce: f.chars(HEX, 8) })),
  github('pull_request', 'opened', (f) => ({ number: 1347, pull_request: { id: Number(`1${f.chars('0123456789', 8)}`), number: 1347, state: 'open', title: 'Amazing new feature', html_url: 'https://github.com/octo-org/hello/pull/1347' } })),
  github('workflow_run', 'completed', (f) => ({ workflow_run: { id: Number(`3${f.chars('0123456789', 9)}`), name: 'CI', status: 'completed', conclusion: 'failure', html_url: 'https://github.com/octo-org/hello/actions/runs/1' } })),
  standard('invoice.paid', (f) => ({ id: `inv_${f.chars(LOWER_ALNUM, 16)}`, amount: 2000, currency: 'usd' })),
  standard('user.created', (f) => ({ id: `user_${f.chars(ALNUM, 27)}`, email: 'jon@example.com' })),
  shopify('orders/create', order(false)),
  shopify('orders/paid', order(true)),
  shopify('app/uninstalled', (f) => ({ id: Number(f.chars('123456789', 9)), name: 'Hookscope Test', domain: 'hookscope-test.myshopify.com' })),
  slack('app_mention', message('app_mention')),
  slack('message', message('message')),
];
