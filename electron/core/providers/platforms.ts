// Senders that sign with a platform's scheme: Standard Webhooks / Svix (moved here from
// recognize/recognizers.ts unchanged) and those who use it, Amazon SNS and Adobe I/O Events.
import { byEvent, failureWords, fast, header, jsonSample, path, pendingWords, twoHundred } from './build.js';
import type { ProviderDetails, RetrySchedule } from './types.js';

const svixSchedule = 'Svix schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.';
const minute = 60_000;
const hour = 60 * minute;

/** Svix's schedule, each wait counted from the failure before it; a receiver stops it with `webhook-delivery: abort-message`. */
export const svixRetries: RetrySchedule = {
  delaysMs: [5_000, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour],
  source: 'Svix "Retry Schedule" (docs.svix.com/retries): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure; 2xx within 15 s.',
  stopHeader: { name: 'webhook-delivery', value: 'abort-message' },
};

export const standardWebhooks: ProviderDetails = {
  id: 'standard-webhooks',
  signatureHeaders: ['webhook-signature', 'webhook-id', 'webhook-timestamp'],
  recognition: {
    match: [{ headers: ['webhook-id'] }, { headers: ['svix-id'] }],
    event: path('type'),
    jobId: { first: [header('webhook-id'), header('svix-id')] },
    outcome: { from: path('type'), failure: failureWords, pending: pendingWords, otherwise: 'success' },
    fields: {
      messageId: { first: [header('webhook-id'), header('svix-id')] },
      timestamp: { first: [header('webhook-timestamp'), header('svix-timestamp')] },
      type: path('type'),
    },
    summary: ['{jobId|short}'],
    idHeaders: ['webhook-id', 'svix-id'],
  },
  // As Svix (the reference sender) delivers it: 15 s, its schedule.
  delivery: { ...twoHundred(15_000, 'The sender’s; Svix retries on its schedule.', 'Standard Webhooks: any 2xx acknowledges; Svix, its reference sender, waits 15 s.'), retrySchedule: svixRetries },
  sample: jsonSample({ type: 'invoice.paid', timestamp: '2026-04-06T10:01:23Z', data: { id: 'inv_1' } }),
};

export const clerk: ProviderDetails = {
  id: 'clerk',
  signatureHeaders: ['svix-id', 'svix-timestamp', 'svix-signature'],
  recognition: byEvent({
    match: [{ headers: ['svix-id'], body: { object: ['event'], type: /^(user|session|organization|organizationmembership|organizationinvitation|email|sms|role|permission|waitlistentry)\./ } }],
    event: path('type'),
    jobId: header('svix-id'),
    fields: { id: path('data.id') },
    summary: ['{id}'],
  }),
  delivery: { ...twoHundred(15_000, svixSchedule, 'Clerk webhooks are delivered by Svix (15 s timeout).'), retrySchedule: svixRetries },
  sample: jsonSample({ object: 'event', type: 'user.created', timestamp: 1775469683000, data: { id: 'user_29w83sxmDNGwOuEthce5gg56FcC', object: 'user' } }),
};

export const openai: ProviderDetails = {
  id: 'openai',
  signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  recognition: byEvent({
    match: [{ headers: ['webhook-id'], body: { object: ['event'], type: /^(response|batch|fine_tuning|eval|realtime)\./ } }],
    event: path('type'),
    jobId: path('data.id'),
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'Retried with exponential backoff for up to 72 hours.', 'OpenAI webhooks guide: answer with a 2xx quickly.'),
  sample: jsonSample({ id: 'evt_685343a1381c819085d44c354e1b330e', object: 'event', created_at: 1775469683, type: 'response.completed', data: { id: 'resp_abc123' } }),
};

export const sns: ProviderDetails = {
  id: 'sns',
  signatureHeaders: [],
  recognition: byEvent({
    match: [{ headers: ['x-amz-sns-message-type'] }, { body: { Type: ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'], TopicArn: 'string', SignatureVersion: 'string' } }],
    event: path('Type'),
    jobId: path('MessageId'),
    fields: { topic: path('TopicArn'), subject: path('Subject') },
    summary: ['{topic}', '{subject}'],
    idHeaders: ['x-amz-sns-message-id'],
    dedupe: path('MessageId'),
    // Never fetch SNS's links on arrival: SubscribeURL subscribes (only on the user's click, see
    // deliveries/sns-subscription.ts) and UnsubscribeURL unsubscribes.
    scanLinks: false,
  }),
  delivery: twoHundred(15_000, 'HTTP(S) delivery policy: by default 3 immediate retries, then backoff, 50 attempts over about 6 hours.', 'Amazon SNS HTTP/S delivery policy (15 s timeout).'),
  sample: jsonSample(
    {
      Type: 'Notification',
      MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
      Subject: 'My First Message',
      Message: 'Hello world!',
      Timestamp: '2026-04-06T10:01:25.000Z',
      SignatureVersion: '2',
      Signature: '',
      SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
      UnsubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0',
    },
    [
      ['x-amz-sns-message-type', 'Notification'],
      ['x-amz-sns-message-id', '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324'],
      ['x-amz-sns-topic-arn', 'arn:aws:sns:us-west-2:123456789012:MyTopic'],
    ],
  ),
};

export const adobeIo: ProviderDetails = {
  id: 'adobe-io',
  signatureHeaders: ['x-adobe-digital-signature-1', 'x-adobe-digital-signature-2', 'x-adobe-public-key1-path', 'x-adobe-public-key2-path'],
  recognition: byEvent({
    match: [{ headers: ['x-adobe-digital-signature-1'] }, { headers: ['x-adobe-event-id'] }],
    event: path('type'),
    jobId: header('x-adobe-event-id'),
    idHeaders: ['x-adobe-event-id'],
  }),
  delivery: twoHundred(10_000, 'Retried with exponential backoff for 24 hours, then the registration is marked unstable.', 'Adobe I/O Events webhooks: answer within 10 seconds.', fast('', [])),
  sample: jsonSample({ id: 'b6f5c1d0-1', source: 'urn:uuid:1', type: 'com.adobe.creative-cloud.asset.created', data: { asset: 'a1' } }, [['x-adobe-event-id', 'b6f5c1d0-1']]),
};
