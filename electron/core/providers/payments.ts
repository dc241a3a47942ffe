// Payments and billing. Stripe's recognition moved here from recognize/recognizers.ts unchanged;
// the others from each provider's webhook documentation (docs links in contract/providers.ts).
import { byEvent, failureWords, fast, header, jsonSample, path, pendingWords, twoHundred } from './build.js';
import type { ProviderDetails } from './types.js';

export const stripe: ProviderDetails = {
  id: 'stripe',
  signatureHeaders: ['Stripe-Signature'],
  recognition: {
    match: [{ headers: ['Stripe-Signature'] }, { body: { object: ['event'], id: /^evt_/, type: 'string' } }],
    event: path('type'),
    status: path('data.object.status'),
    jobId: path('id'),
    outcome: { from: path('type'), failure: failureWords, pending: pendingWords, otherwise: 'success' },
    fields: {
      id: path('id'),
      type: path('type'),
      object: path('data.object.object'),
      objectId: path('data.object.id'),
      livemode: path('livemode'),
      apiVersion: path('api_version'),
    },
    summary: ['{status}', '{object} {objectId}', '{id}'],
    dedupe: path('id'),
    // Invoices carry their PDF (`invoice_pdf`); the hosted page next to it is HTML and is not a document.
    documents: [{ url: 'data.object.invoice_pdf' }],
  },
  delivery: twoHundred(
    null,
    'Live mode: retried for up to 3 days with exponential backoff; sandbox: 3 times over a few hours.',
    'Stripe asks for a quick 2xx before any slow work; it documents no exact timeout.',
  ),
  sample: jsonSample({ id: 'evt_1PqRsT2eZvKYlo2C', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', object: 'payment_intent', status: 'succeeded' } } }),
};

export const paypal: ProviderDetails = {
  id: 'paypal',
  signatureHeaders: ['PAYPAL-TRANSMISSION-SIG', 'PAYPAL-TRANSMISSION-ID', 'PAYPAL-TRANSMISSION-TIME', 'PAYPAL-CERT-URL', 'PAYPAL-AUTH-ALGO'],
  recognition: byEvent({
    match: [{ headers: ['PAYPAL-TRANSMISSION-ID'] }],
    event: path('event_type'),
    jobId: path('id'),
    fields: { resource: path('resource.id') },
    summary: ['{resource}'],
    idHeaders: ['PAYPAL-TRANSMISSION-ID'],
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'Retried up to 25 times over 3 days.', 'PayPal webhooks: a non-2xx answer is retried up to 25 times over 3 days.'),
  sample: jsonSample({ id: 'WH-7Y7254563A4550640-11V2185806837105M', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: '42311647XV020574X' } }),
};

export const square: ProviderDetails = {
  id: 'square',
  signatureHeaders: ['x-square-hmacsha256-signature'],
  recognition: byEvent({
    match: [{ headers: ['x-square-hmacsha256-signature'] }, { headers: ['x-square-signature'] }],
    event: path('type'),
    jobId: path('event_id'),
    fields: { merchant: path('merchant_id') },
    summary: ['{merchant}'],
    dedupe: path('event_id'),
  }),
  delivery: twoHundred(10_000, 'Retried for up to 24 hours with exponential backoff.', 'Square webhooks: answer 2xx within 10 seconds.'),
  sample: jsonSample({ merchant_id: 'MLJ1', type: 'payment.updated', event_id: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc', created_at: '2026-04-06T10:01:25Z', data: { type: 'payment', id: 'p1' } }),
};

export const adyen: ProviderDetails = {
  id: 'adyen',
  signatureHeaders: [],
  recognition: byEvent({
    match: [{ body: { live: 'string', notificationItems: 'present' } }],
    event: path('notificationItems.0.NotificationRequestItem.eventCode'),
    jobId: path('notificationItems.0.NotificationRequestItem.pspReference'),
    status: path('notificationItems.0.NotificationRequestItem.success'),
    dedupe: path('notificationItems.0.NotificationRequestItem.pspReference'),
  }),
  // Adyen accepts any 2xx; "[accepted]" is the body its older integrations look for.
  delivery: twoHundred(10_000, 'Retried with increasing intervals (see the docs).', 'Adyen webhooks: acknowledge within 10 seconds.', fast('[accepted]', [['Content-Type', 'text/plain']])),
  sample: jsonSample({
    live: 'false',
    notificationItems: [
      {
        NotificationRequestItem: {
          additionalData: { hmacSignature: '' },
          amount: { currency: 'EUR', value: 1000 },
          eventCode: 'AUTHORISATION',
          eventDate: '2026-04-06T10:01:25+02:00',
          merchantAccountCode: 'HookscopeECOM',
          merchantReference: 'order-42',
          pspReference: '7914073381342284',
          success: 'true',
        },
      },
    ],
  }),
};

export const paddle: ProviderDetails = {
  id: 'paddle',
  signatureHeaders: ['Paddle-Signature'],
  recognition: byEvent({
    match: [{ headers: ['Paddle-Signature'] }],
    event: path('event_type'),
    jobId: path('event_id'),
    fields: { notification: path('notification_id') },
    dedupe: path('event_id'),
  }),
  delivery: twoHundred(5_000, 'Live: retried 60 times over 3 days; sandbox: 3 times within 15 minutes.', 'Paddle Billing webhooks: answer within 5 seconds.'),
  sample: jsonSample({ event_id: 'evt_01h8bzakzx3hm2fmen703n5q45', event_type: 'transaction.completed', occurred_at: '2026-04-06T10:01:25Z', notification_id: 'ntf_01h8bzam1z32agrxjwhjgqk8w6', data: { id: 'txn_1' } }),
};

export const plaid: ProviderDetails = {
  id: 'plaid',
  signatureHeaders: ['Plaid-Verification'],
  recognition: byEvent({
    match: [{ headers: ['Plaid-Verification'] }, { body: { webhook_type: 'string', webhook_code: 'string' } }],
    event: { join: [path('webhook_type'), path('webhook_code')], separator: '.' },
    fields: { item: path('item_id') },
    summary: ['{item}'],
  }),
  delivery: twoHundred(null, 'See the docs.', 'Plaid webhooks documentation.'),
  sample: jsonSample({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE', item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb', environment: 'sandbox' }),
};

export const coinbaseCommerce: ProviderDetails = {
  id: 'coinbase-commerce',
  signatureHeaders: ['X-CC-Webhook-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-CC-Webhook-Signature'] }],
    event: path('event.type'),
    jobId: path('event.id'),
    dedupe: path('event.id'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Coinbase Commerce webhooks.'),
  sample: jsonSample({ id: 1, scheduled_for: '2026-04-06T10:01:25Z', event: { id: '24934862-d980-46cb-9402-43c81b0cdba6', type: 'charge:confirmed', data: { code: '66BEOV2A' } } }),
};

export const razorpay: ProviderDetails = {
  id: 'razorpay',
  signatureHeaders: ['X-Razorpay-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Razorpay-Signature'] }, { headers: ['X-Razorpay-Event-Id'] }],
    event: path('event'),
    jobId: header('X-Razorpay-Event-Id'),
    idHeaders: ['X-Razorpay-Event-Id'],
  }),
  delivery: twoHundred(null, 'Retried with backoff, then the webhook is disabled (see the docs).', 'Razorpay webhooks.'),
  sample: jsonSample({ entity: 'event', account_id: 'acc_1', event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1' } } } }, [
    ['X-Razorpay-Event-Id', 'KoJq4AaXKsuuRS'],
  ]),
};

export const paystack: ProviderDetails = {
  id: 'paystack',
  signatureHeaders: ['x-paystack-signature'],
  recognition: byEvent({
    match: [{ headers: ['x-paystack-signature'] }],
    event: path('event'),
    status: path('data.status'),
    jobId: path('data.reference'),
    dedupe: { join: [path('event'), path('data.reference')], separator: ':' },
  }),
  delivery: twoHundred(null, 'Retried for up to 72 hours in live mode (see the docs).', 'Paystack webhooks.'),
  sample: jsonSample({ event: 'charge.success', data: { id: 302961, status: 'success', reference: 'qTPrJoy9Bx', amount: 10000 } }),
};

export const flutterwave: ProviderDetails = {
  id: 'flutterwave',
  signatureHeaders: ['verif-hash'],
  recognition: byEvent({
    match: [{ headers: ['verif-hash'] }],
    event: path('event'),
    status: path('data.status'),
    jobId: path('data.tx_ref'),
    dedupe: { join: [path('event'), path('data.id')], separator: ':' },
  }),
  delivery: twoHundred(null, 'Retried when retries are on in the dashboard (see the docs).', 'Flutterwave webhooks.'),
  sample: jsonSample({ event: 'charge.completed', data: { id: 285959875, tx_ref: 'Links-616626414629', status: 'successful' } }),
};

export const gocardless: ProviderDetails = {
  id: 'gocardless',
  signatureHeaders: ['Webhook-Signature'],
  recognition: byEvent({
    match: [{ headers: ['Webhook-Signature'], body: { events: 'present' } }],
    event: { join: [path('events.0.resource_type'), path('events.0.action')], separator: '.' },
    jobId: path('events.0.id'),
    dedupe: path('events.0.id'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'GoCardless "Staying up to date with webhooks".'),
  sample: jsonSample({ events: [{ id: 'EV123', created_at: '2026-04-06T10:01:25.000Z', action: 'confirmed', resource_type: 'payments', links: { payment: 'PM123' } }] }),
};

export const lemonsqueezy: ProviderDetails = {
  id: 'lemonsqueezy',
  signatureHeaders: ['X-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Event-Name'], body: { meta: 'object' } }],
    event: header('X-Event-Name'),
    jobId: path('data.id'),
  }),
  delivery: twoHundred(null, 'Retried up to 3 more times with exponential backoff.', 'Lemon Squeezy webhooks.'),
  sample: jsonSample({ meta: { event_name: 'order_created' }, data: { type: 'orders', id: '1' } }, [['X-Event-Name', 'order_created']]),
};

export const chargebee: ProviderDetails = {
  id: 'chargebee',
  signatureHeaders: ['Authorization'],
  recognition: byEvent({
    match: [{ body: { event_type: 'string', webhook_status: 'string', content: 'object' } }],
    event: path('event_type'),
    jobId: path('id'),
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'Retried with exponential backoff (see the docs).', 'Chargebee webhook settings.'),
  sample: jsonSample({ id: 'ev_16BPgETyVrQbiGhA', occurred_at: 1775469683, object: 'event', api_version: 'v2', event_type: 'subscription_created', webhook_status: 'scheduled', content: { subscription: { id: 'sub_1' } } }),
};
