// Commerce, CRM, support and analytics. Shopify's recognition moved here from recognize/recognizers.ts
// unchanged; the others from each provider's webhook documentation (docs links in contract/providers.ts).
import { byEvent, failureWords, header, jsonSample, path, pendingWords, twoHundred } from './build.js';
import type { ProviderDetails } from './types.js';

export const shopify: ProviderDetails = {
  id: 'shopify',
  signatureHeaders: ['X-Shopify-Hmac-Sha256'],
  recognition: {
    match: [{ headers: ['X-Shopify-Topic'] }, { headers: ['X-Shopify-Webhook-Id'] }],
    event: header('X-Shopify-Topic'),
    jobId: header('X-Shopify-Webhook-Id'),
    outcome: { from: header('X-Shopify-Topic'), failure: failureWords, pending: pendingWords, otherwise: 'success' },
    fields: {
      webhookId: header('X-Shopify-Webhook-Id'),
      eventId: header('X-Shopify-Event-Id'),
      shop: header('X-Shopify-Shop-Domain'),
      apiVersion: header('X-Shopify-API-Version'),
      id: path('id'),
    },
    summary: ['{shop}', '{id}'],
    idHeaders: ['X-Shopify-Webhook-Id'],
  },
  delivery: twoHundred(5_000, 'Retried 8 times over 4 hours, then the subscription may be removed.', 'Shopify HTTPS webhook delivery: 1 s to connect, 5 s in total.'),
  sample: jsonSample({ id: 820982911946154500, email: 'jon@example.com', total_price: '10.00' }, [
    ['X-Shopify-Topic', 'orders/create'],
    ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
    ['X-Shopify-Shop-Domain', 'example.myshopify.com'],
  ]),
};

export const woocommerce: ProviderDetails = {
  id: 'woocommerce',
  signatureHeaders: ['X-WC-Webhook-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-WC-Webhook-Topic'] }],
    event: header('X-WC-Webhook-Topic'),
    jobId: header('X-WC-Webhook-Delivery-ID'),
    fields: { source: header('X-WC-Webhook-Source'), id: path('id') },
    summary: ['{source}', '{id}'],
    idHeaders: ['X-WC-Webhook-Delivery-ID'],
  }),
  delivery: twoHundred(null, 'Disabled after repeated failed deliveries (see the docs).', 'WooCommerce REST API docs, webhooks.'),
  sample: jsonSample({ id: 727, status: 'processing', total: '29.35' }, [
    ['X-WC-Webhook-Topic', 'order.created'],
    ['X-WC-Webhook-Delivery-ID', '7b1f0a2c'],
    ['X-WC-Webhook-Source', 'https://shop.example.com/'],
  ]),
};

export const hubspot: ProviderDetails = {
  id: 'hubspot',
  signatureHeaders: ['X-HubSpot-Signature-v3', 'X-HubSpot-Request-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['X-HubSpot-Signature-v3'] }, { headers: ['X-HubSpot-Signature'] }],
    event: path('0.subscriptionType'),
    jobId: path('0.eventId'),
    fields: { object: path('0.objectId'), portal: path('0.portalId') },
    summary: ['{object}'],
    dedupe: path('0.eventId'),
  }),
  delivery: twoHundred(5_000, 'Retried up to 10 times over 24 hours.', 'HubSpot webhooks API: 5 s timeout, 10 retries.'),
  sample: jsonSample([{ eventId: 1, subscriptionId: 2, portalId: 3, occurredAt: 1775469683000, subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 123 }]),
};

export const zendesk: ProviderDetails = {
  id: 'zendesk',
  signatureHeaders: ['X-Zendesk-Webhook-Signature', 'X-Zendesk-Webhook-Signature-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['X-Zendesk-Webhook-Signature'] }, { headers: ['X-Zendesk-Webhook-Id'] }],
    event: path('type'),
    jobId: path('id'),
    dedupe: path('id'),
  }),
  delivery: twoHundred(12_000, 'See the docs.', 'Zendesk webhooks: 12 s timeout.'),
  sample: jsonSample({ id: '01F1G1Q1', type: 'zen:event-type:ticket.created', account_id: 1, detail: { id: '35' } }, [['X-Zendesk-Webhook-Id', '01F1G1Q1WH']]),
};

export const intercom: ProviderDetails = {
  id: 'intercom',
  signatureHeaders: ['X-Hub-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Hub-Signature'], body: { type: ['notification_event'], topic: 'string' } }],
    event: path('topic'),
    jobId: path('id'),
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Intercom webhook notifications.'),
  sample: jsonSample({ type: 'notification_event', id: 'notif_ccd8a4d0', topic: 'conversation.user.created', app_id: 'a86dr8yl', data: { item: { type: 'conversation' } } }),
};

export const pipedrive: ProviderDetails = {
  id: 'pipedrive',
  signatureHeaders: ['Authorization'],
  recognition: byEvent({
    match: [{ body: { 'meta.action': 'string', 'meta.entity': 'string', data: 'object' } }],
    event: { join: [path('meta.entity'), path('meta.action')], separator: '.' },
    jobId: path('meta.id'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Pipedrive webhooks v2 guide.'),
  sample: jsonSample({ meta: { action: 'create', entity: 'deal', id: '1', timestamp: '2026-04-06T10:01:25Z' }, data: { id: 1, title: 'Deal' } }),
};

export const docusign: ProviderDetails = {
  id: 'docusign',
  signatureHeaders: ['X-DocuSign-Signature-1'],
  recognition: byEvent({
    match: [{ headers: ['X-DocuSign-Signature-1'] }, { body: { event: 'string', 'data.envelopeId': 'string' } }],
    event: path('event'),
    jobId: path('data.envelopeId'),
    dedupe: { join: [path('data.envelopeId'), path('event')], separator: ':' },
  }),
  delivery: twoHundred(null, 'Failed deliveries are retried from the Connect failure queue (see the docs).', 'Docusign Connect documentation.'),
  sample: jsonSample({ event: 'envelope-completed', apiVersion: 'v2.1', uri: '/restapi/v2.1/accounts/1/envelopes/e1', data: { accountId: '1', envelopeId: 'e1' } }),
};

export const segment: ProviderDetails = {
  id: 'segment',
  signatureHeaders: ['X-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Signature'], body: { messageId: 'string', type: ['track', 'identify', 'page', 'screen', 'group', 'alias'] } }],
    event: { first: [path('event'), path('type')] },
    jobId: path('messageId'),
    dedupe: path('messageId'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Segment Webhooks destination.'),
  sample: jsonSample({ type: 'track', event: 'Order Completed', messageId: 'ajs-next-1775469683-1', userId: 'u1', properties: { total: 10 } }),
};
