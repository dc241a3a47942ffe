// Chat, email, voice and video, and the platforms that validate a URL before sending to it.
// Facts from each provider's webhook documentation (docs links in contract/providers.ts).
import { byEvent, fast, first, header, jsonSample, path, twoHundred, value } from './build.js';
import { svixRetries } from './platforms.js';
import type { ProviderDetails } from './types.js';

const form = (fields: Record<string, string>, headers: Array<[string, string]> = []) => ({
  method: 'POST',
  path: '',
  headers: [['Content-Type', 'application/x-www-form-urlencoded'] as [string, string], ...headers],
  body: new URLSearchParams(fields).toString(),
});

export const slack: ProviderDetails = {
  id: 'slack',
  signatureHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['X-Slack-Signature'] }, { headers: ['X-Slack-Request-Timestamp'] }],
    event: first(path('event.type'), path('type'), path('command')),
    jobId: path('event_id'),
    fields: { team: path('team_id'), retry: header('X-Slack-Retry-Num') },
    summary: ['{team}', 'retry {retry}'],
    dedupe: path('event_id'),
  }),
  delivery: {
    ...twoHundred(
      3_000,
      'Retried 3 times (at once, after 1 minute, after 5 minutes) with X-Slack-Retry-Num and X-Slack-Retry-Reason.',
      'Slack Events API: answer with a 2xx within 3 seconds.',
      fast('', []),
    ),
    retrySchedule: {
      delaysMs: [0, 60_000, 5 * 60_000],
      source: 'Slack Events API, "Graceful retries": 3 retries, nearly at once, after 1 minute and after 5 minutes; X-Slack-No-Retry: 1 turns them off.',
      stopHeader: { name: 'X-Slack-No-Retry', value: '1' },
    },
  },
  sample: jsonSample({ token: 'x', team_id: 'T061EG9R6', api_app_id: 'A0PNCHHK2', type: 'event_callback', event_id: 'Ev0PV52K21', event: { type: 'app_mention', text: 'hi' } }),
};

export const twilio: ProviderDetails = {
  id: 'twilio',
  signatureHeaders: ['X-Twilio-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Twilio-Signature'] }, { headers: ['I-Twilio-Idempotency-Token'] }],
    event: first(path('SmsStatus'), path('CallStatus'), value('request')),
    status: first(path('MessageStatus'), path('CallStatus')),
    jobId: first(path('MessageSid'), path('CallSid')),
    idHeaders: ['I-Twilio-Idempotency-Token'],
  }),
  delivery: twoHundred(15_000, 'Status callbacks are not retried by default (connection overrides can add retries).', 'Twilio webhooks: a 15 s timeout by default.', fast('<Response/>', [['Content-Type', 'text/xml']])),
  sample: form({ MessageSid: 'SM1f2e3d4c5b6a79880123456789abcdef', MessageStatus: 'delivered', AccountSid: 'AC123', To: '+15005550006' }),
};

export const sendgrid: ProviderDetails = {
  id: 'sendgrid',
  signatureHeaders: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['X-Twilio-Email-Event-Webhook-Signature'] }],
    event: path('0.event'),
    jobId: path('0.sg_event_id'),
    dedupe: path('0.sg_event_id'),
  }),
  delivery: twoHundred(null, 'Retried for up to 24 hours on a non-2xx answer.', 'SendGrid Event Webhook documentation.'),
  sample: jsonSample([{ email: 'a@example.com', timestamp: 1775469683, event: 'delivered', sg_event_id: 'sg_1', sg_message_id: 'm1' }]),
};

export const mailgun: ProviderDetails = {
  id: 'mailgun',
  signatureHeaders: [],
  recognition: byEvent({
    match: [{ body: { 'signature.token': 'string', 'signature.signature': 'string', 'event-data': 'object' } }],
    event: path('event-data.event'),
    jobId: path('event-data.id'),
    dedupe: path('event-data.id'),
  }),
  delivery: twoHundred(null, 'Retried for 8 hours on a non-2xx answer; 406 stops the retries.', 'Mailgun webhooks documentation.'),
  sample: jsonSample({ signature: { timestamp: '', token: '', signature: '' }, 'event-data': { id: 'CPgfbmQMTCKtHW6uIWtuVe', event: 'delivered', recipient: 'a@example.com' } }),
};

export const postmark: ProviderDetails = {
  id: 'postmark',
  signatureHeaders: ['Authorization'],
  recognition: byEvent({
    match: [{ body: { RecordType: 'string', MessageID: 'string' } }],
    event: path('RecordType'),
    jobId: path('MessageID'),
    dedupe: { join: [path('RecordType'), path('MessageID')], separator: ':' },
  }),
  delivery: twoHundred(null, 'Retried with growing intervals (see the docs).', 'Postmark webhooks overview.'),
  sample: jsonSample({ RecordType: 'Delivery', MessageID: '883953f4-6105-42a2-a16a-77a8eac79483', Recipient: 'a@example.com', DeliveredAt: '2026-04-06T10:01:25Z' }),
};

export const resend: ProviderDetails = {
  id: 'resend',
  signatureHeaders: ['svix-id', 'svix-timestamp', 'svix-signature'],
  recognition: byEvent({
    match: [{ headers: ['svix-id'], body: { type: /^(email|contact|domain)\./, created_at: 'string' } }],
    event: path('type'),
    jobId: header('svix-id'),
    fields: { email: path('data.email_id') },
    summary: ['{email}'],
  }),
  delivery: { ...twoHundred(15_000, 'Svix schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.', 'Resend webhooks are delivered by Svix (15 s timeout).'), retrySchedule: svixRetries },
  sample: jsonSample({ type: 'email.delivered', created_at: '2026-04-06T10:01:25.000Z', data: { email_id: '56761188-7520-42d8-8898-ff6fc54ce618' } }),
};

export const discord: ProviderDetails = {
  id: 'discord',
  signatureHeaders: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['X-Signature-Ed25519'] }],
    event: { map: path('type'), to: { '1': 'PING', '2': 'APPLICATION_COMMAND', '3': 'MESSAGE_COMPONENT', '4': 'AUTOCOMPLETE', '5': 'MODAL_SUBMIT' } },
    jobId: path('id'),
    dedupe: path('id'),
  }),
  // A PING (type 1) must be answered {"type":1}; Hookscope's preset does that for every interaction.
  delivery: { response: fast('{"type":1}'), deadlineMs: 3_000, ack: { status: 200 }, retries: 'Not retried.', source: 'Discord interactions: answer within 3 seconds.' },
  sample: jsonSample({ id: '1234567890', application_id: '1', type: 1, token: 't', version: 1 }),
};

export const zoom: ProviderDetails = {
  id: 'zoom',
  signatureHeaders: ['x-zm-signature', 'x-zm-request-timestamp'],
  recognition: byEvent({
    match: [{ headers: ['x-zm-signature'] }, { headers: ['x-zm-request-timestamp'] }],
    event: path('event'),
    fields: { object: path('payload.object.id') },
  }),
  delivery: {
    ...twoHundred(3_000, 'Retried 3 times: after 5, 30 and 90 minutes.', 'Zoom webhooks: answer 200 or 204 within 3 seconds.', fast('', [])),
    retrySchedule: { delaysMs: [5 * 60_000, 30 * 60_000, 90 * 60_000], source: 'Zoom webhooks, "Notification delivery": retried 3 times, after 5, 30 and 90 minutes.' },
  },
  sample: jsonSample({ event: 'meeting.started', event_ts: 1775469683000, payload: { account_id: 'a1', object: { id: '85836436423', topic: 'Standup' } } }),
};

export const twitch: ProviderDetails = {
  id: 'twitch',
  signatureHeaders: ['Twitch-Eventsub-Message-Signature', 'Twitch-Eventsub-Message-Id', 'Twitch-Eventsub-Message-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['Twitch-Eventsub-Message-Type'] }],
    event: first(header('Twitch-Eventsub-Subscription-Type'), header('Twitch-Eventsub-Message-Type')),
    jobId: header('Twitch-Eventsub-Message-Id'),
    fields: { messageType: header('Twitch-Eventsub-Message-Type') },
    summary: ['{messageType}'],
    idHeaders: ['Twitch-Eventsub-Message-Id'],
  }),
  delivery: twoHundred(null, 'Retried; a subscription whose deliveries keep failing is revoked.', 'Twitch EventSub "Handling webhook events": answer with a 2xx quickly.', fast('', [])),
  sample: jsonSample({ subscription: { id: 'f1c2a387', type: 'channel.follow', version: '2', status: 'enabled' }, event: { user_id: '1337', broadcaster_user_id: '12826' } }, [
    ['Twitch-Eventsub-Message-Type', 'notification'],
    ['Twitch-Eventsub-Subscription-Type', 'channel.follow'],
  ]),
};

export const meta: ProviderDetails = {
  id: 'meta',
  signatureHeaders: ['X-Hub-Signature-256'],
  recognition: byEvent({
    match: [{ headers: ['X-Hub-Signature-256'], body: { object: 'string', entry: 'present' } }],
    event: { join: [path('object'), path('entry.0.changes.0.field')], separator: '.' },
    fields: { entry: path('entry.0.id') },
  }),
  delivery: twoHundred(null, 'Retried with decreasing frequency for up to 36 hours.', 'Meta Graph API webhooks, "Getting started".'),
  sample: jsonSample({ object: 'page', entry: [{ id: '1', time: 1775469683, changes: [{ field: 'feed', value: { item: 'status' } }] }] }),
};

/** Listed before Meta: the same headers, a body that names WhatsApp. */
export const whatsapp: ProviderDetails = {
  id: 'whatsapp',
  signatureHeaders: ['X-Hub-Signature-256'],
  recognition: byEvent({
    match: [{ headers: ['X-Hub-Signature-256'], body: { object: ['whatsapp_business_account'] } }],
    event: first(path('entry.0.changes.0.value.statuses.0.status'), path('entry.0.changes.0.field')),
    jobId: path('entry.0.changes.0.value.messages.0.id'),
  }),
  delivery: twoHundred(null, 'Retried with decreasing frequency for up to 7 days.', 'WhatsApp Cloud API webhooks.'),
  sample: jsonSample({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [{ id: 'wamid.1', type: 'text' }] } }] }] }),
};

export const microsoftGraph: ProviderDetails = {
  id: 'microsoft-graph',
  signatureHeaders: [],
  recognition: byEvent({
    match: [{ body: { 'value.0.subscriptionId': 'string', 'value.0.changeType': 'string' } }],
    event: path('value.0.changeType'),
    fields: { resource: path('value.0.resource'), subscription: path('value.0.subscriptionId') },
    summary: ['{resource}'],
  }),
  delivery: twoHundred(3_000, 'Retried for up to 4 hours; a slow endpoint is throttled and may be dropped.', 'Microsoft Graph change notifications: answer 202 within 3 seconds.', {
    status: 202,
    headers: [],
    body: '',
    delayMs: 0,
  }),
  sample: jsonSample({ value: [{ subscriptionId: '7f105c7d', changeType: 'created', resource: 'Users/1/Messages/2', clientState: 'secretClientValue', tenantId: 't1' }] }),
};

export const dropbox: ProviderDetails = {
  id: 'dropbox',
  signatureHeaders: ['X-Dropbox-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Dropbox-Signature'] }],
    event: value('list_folder'),
    fields: { accounts: path('list_folder.accounts.0') },
  }),
  delivery: twoHundred(10_000, 'Retried with exponential backoff for a while after failures.', 'Dropbox webhooks: answer within 10 seconds.'),
  sample: jsonSample({ list_folder: { accounts: ['dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc'] }, delta: { users: [12345] } }),
};
