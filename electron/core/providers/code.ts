// Code hosting, CI and developer tools. GitHub's recognition moved here from recognize/recognizers.ts
// unchanged; the others from each provider's webhook documentation (docs links in contract/providers.ts).
import { byEvent, fast, first, header, jsonSample, path, twoHundred, value } from './build.js';
import type { Source } from './recognition-types.js';
import type { ProviderDetails } from './types.js';

/** GitHub's run and check events carry a conclusion once completed, a status before. */
const githubStatus: Source = {
  first: [
    path('workflow_run.conclusion'),
    path('workflow_job.conclusion'),
    path('check_run.conclusion'),
    path('check_suite.conclusion'),
    path('deployment_status.state'),
    path('workflow_run.status'),
    path('workflow_job.status'),
    path('check_run.status'),
    path('check_suite.status'),
    path('state'),
  ],
};

export const github: ProviderDetails = {
  id: 'github',
  signatureHeaders: ['X-Hub-Signature-256'],
  recognition: {
    match: [{ headers: ['X-GitHub-Event'] }],
    event: { join: [header('X-GitHub-Event'), path('action')], separator: '.' },
    status: githubStatus,
    jobId: header('X-GitHub-Delivery'),
    outcome: {
      from: { first: [githubStatus, path('action')] },
      failure: ['failure', 'cancelled', 'timed out', 'startup failure', 'stale', 'error'],
      pending: ['queued', 'in progress', 'pending', 'requested', 'waiting', 'action required'],
      otherwise: 'success',
    },
    fields: {
      delivery: header('X-GitHub-Delivery'),
      hook: header('X-GitHub-Hook-ID'),
      repository: path('repository.full_name'),
      sender: path('sender.login'),
      ref: path('ref'),
    },
    summary: ['{status}', '{repository}', '{ref}', 'by {sender}'],
    idHeaders: ['X-GitHub-Delivery'],
    scanLinks: false,
  },
  delivery: {
    ...twoHundred(
      10_000,
      'No automatic retry; failed deliveries can be redelivered by hand for 3 days.',
      'GitHub, "Best practices for using webhooks": respond with a 2XX within 10 seconds (30 s on GitHub Enterprise Server).',
    ),
    retrySchedule: {
      delaysMs: [],
      source: 'GitHub, "Handling failed webhook deliveries": GitHub does not redeliver failed deliveries automatically.',
      recovery: 'redeliver it from the webhook\'s "Recent Deliveries" (or the REST API) within 3 days.',
    },
  },
  sample: jsonSample({ ref: 'refs/heads/main', repository: { full_name: 'octo/hello' }, sender: { login: 'octocat' } }, [
    ['X-GitHub-Event', 'push'],
    ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
  ]),
};

/** Gitea and Gogs also send X-GitHub-Event for compatibility: their own header is tried first. */
export const gitea: ProviderDetails = {
  id: 'gitea',
  signatureHeaders: ['X-Gitea-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Gitea-Event'] }],
    event: { join: [header('X-Gitea-Event'), path('action')], separator: '.' },
    jobId: header('X-Gitea-Delivery'),
    fields: { repository: path('repository.full_name'), ref: path('ref') },
    summary: ['{repository}', '{ref}'],
    idHeaders: ['X-Gitea-Delivery'],
  }),
  delivery: twoHundred(null, 'Not retried; redeliver from the webhook page.', 'Gitea webhooks documentation.'),
  sample: jsonSample({ ref: 'refs/heads/main', repository: { full_name: 'gitea/hello' } }, [
    ['X-Gitea-Event', 'push'],
    ['X-Gitea-Delivery', 'f6266f16-1bf3-46a5-9ea4-602e06ead473'],
  ]),
};

export const gogs: ProviderDetails = {
  id: 'gogs',
  signatureHeaders: ['X-Gogs-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Gogs-Event'] }],
    event: header('X-Gogs-Event'),
    jobId: header('X-Gogs-Delivery'),
    fields: { repository: path('repository.full_name'), ref: path('ref') },
    summary: ['{repository}', '{ref}'],
    idHeaders: ['X-Gogs-Delivery'],
  }),
  delivery: twoHundred(null, 'Not documented.', 'Gogs webhook documentation.'),
  sample: jsonSample({ ref: 'refs/heads/master', repository: { full_name: 'gogs/hello' } }, [
    ['X-Gogs-Event', 'push'],
    ['X-Gogs-Delivery', 'f6266f16-1bf3-46a5-9ea4-602e06ead474'],
  ]),
};

export const gitlab: ProviderDetails = {
  id: 'gitlab',
  signatureHeaders: ['X-Gitlab-Token'],
  recognition: byEvent({
    match: [{ headers: ['X-Gitlab-Event'] }],
    event: first(path('object_kind'), header('X-Gitlab-Event')),
    status: first(path('object_attributes.status'), path('object_attributes.state')),
    jobId: header('X-Gitlab-Event-UUID'),
    fields: { project: path('project.path_with_namespace'), ref: path('ref') },
    summary: ['{status}', '{project}', '{ref}'],
    idHeaders: ['X-Gitlab-Event-UUID'],
  }),
  delivery: twoHundred(
    null,
    'A failing webhook is disabled for a while after 4 consecutive failures, for good after 40.',
    'GitLab webhooks: "Respond quickly"; the timeout is the instance setting (10 s on GitLab.com).',
  ),
  sample: jsonSample({ object_kind: 'push', ref: 'refs/heads/main', project: { path_with_namespace: 'group/hello' } }, [
    ['X-Gitlab-Event', 'Push Hook'],
    ['X-Gitlab-Event-UUID', '13792a34-cac6-4fda-95a8-c58e00a3954e'],
  ]),
};

export const bitbucket: ProviderDetails = {
  id: 'bitbucket',
  signatureHeaders: ['X-Hub-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Event-Key', 'X-Hook-UUID'] }],
    event: header('X-Event-Key'),
    jobId: header('X-Request-UUID'),
    fields: { repository: path('repository.full_name') },
    summary: ['{repository}'],
    idHeaders: ['X-Request-UUID'],
  }),
  delivery: twoHundred(null, 'See the docs.', 'Bitbucket Cloud "Manage webhooks"; no deadline is given there.'),
  sample: jsonSample({ repository: { full_name: 'team/hello' }, push: { changes: [] } }, [
    ['X-Event-Key', 'repo:push'],
    ['X-Hook-UUID', '{d4a1b9e0-0003-11f0-8000-000000000003}'],
    ['X-Request-UUID', 'd4a1b9e0-0004-11f0-8000-000000000004'],
  ]),
};

export const jira: ProviderDetails = {
  id: 'jira',
  signatureHeaders: ['X-Hub-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Atlassian-Webhook-Identifier'] }],
    event: path('webhookEvent'),
    jobId: header('X-Atlassian-Webhook-Identifier'),
    fields: { issue: path('issue.key') },
    summary: ['{issue}'],
    idHeaders: ['X-Atlassian-Webhook-Identifier'],
  }),
  delivery: twoHundred(null, 'Retried up to 5 times on a 5xx, 408 or 429.', 'Jira Cloud webhooks, "Retry policy".'),
  sample: jsonSample({ webhookEvent: 'jira:issue_updated', timestamp: 1775469683000, issue: { key: 'HS-42' } }, [
    ['X-Atlassian-Webhook-Identifier', '5f0a3b2c-1f3e-4d5a-9b8c-7d6e5f4a3b2c'],
  ]),
};

export const circleci: ProviderDetails = {
  id: 'circleci',
  signatureHeaders: ['circleci-signature'],
  recognition: byEvent({
    match: [{ headers: ['circleci-event-type'] }],
    event: header('circleci-event-type'),
    status: first(path('workflow.status'), path('job.status')),
    jobId: path('id'),
    fields: { project: path('project.slug'), workflow: path('workflow.name') },
    summary: ['{status}', '{project}', '{workflow}'],
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'Not documented.', 'CircleCI webhooks documentation.'),
  sample: jsonSample(
    { id: '3888f21b-eaa7-38e3-8f3d-75a63bba8895', type: 'workflow-completed', project: { slug: 'gh/org/hello' }, workflow: { name: 'build', status: 'success' } },
    [['circleci-event-type', 'workflow-completed']],
  ),
};

export const sentry: ProviderDetails = {
  id: 'sentry',
  signatureHeaders: ['Sentry-Hook-Signature', 'Sentry-Hook-Timestamp'],
  recognition: byEvent({
    match: [{ headers: ['Sentry-Hook-Resource'] }],
    event: { join: [header('Sentry-Hook-Resource'), path('action')], separator: '.' },
    fields: { installation: path('installation.uuid') },
  }),
  delivery: twoHundred(1_000, 'Not retried.', 'Sentry integration platform webhooks: "respond within 1 second".'),
  sample: jsonSample({ action: 'created', installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' }, data: { issue: { id: '1' } } }, [
    ['Sentry-Hook-Resource', 'issue'],
    ['Sentry-Hook-Timestamp', '1775469683'],
  ]),
};

export const vercel: ProviderDetails = {
  id: 'vercel',
  signatureHeaders: ['x-vercel-signature'],
  recognition: byEvent({
    match: [{ headers: ['x-vercel-signature'] }],
    event: path('type'),
    jobId: path('id'),
    fields: { deployment: path('payload.deployment.url') },
    summary: ['{deployment}'],
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'Not documented.', 'Vercel webhooks API documentation.'),
  sample: jsonSample({ id: 'evt_vercel_1', type: 'deployment.succeeded', createdAt: 1775469683000, payload: { deployment: { url: 'hello.vercel.app' } } }),
};

export const linear: ProviderDetails = {
  id: 'linear',
  signatureHeaders: ['Linear-Signature'],
  recognition: byEvent({
    match: [{ headers: ['Linear-Event'] }, { headers: ['Linear-Delivery'] }],
    event: { join: [path('type'), path('action')], separator: '.' },
    jobId: header('Linear-Delivery'),
    fields: { url: path('url') },
    idHeaders: ['Linear-Delivery'],
  }),
  delivery: {
    ...twoHundred(5_000, 'Retried 3 times: after 1 minute, 1 hour and 6 hours.', 'Linear webhooks: answer with 200 within 5 seconds.'),
    retrySchedule: { delaysMs: [60_000, 3_600_000, 6 * 3_600_000], source: 'Linear webhooks: retried 3 times, after 1 minute, 1 hour and 6 hours.' },
  },
  sample: jsonSample({ action: 'create', type: 'Issue', data: { id: 'a1b2', title: 'Bug' }, url: 'https://linear.app/x/issue/X-1', webhookTimestamp: 0 }, [
    ['Linear-Event', 'Issue'],
    ['Linear-Delivery', '234d1a4e-b617-4388-90fe-adc3633d6b72'],
  ]),
};

export const notion: ProviderDetails = {
  id: 'notion',
  signatureHeaders: ['X-Notion-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Notion-Signature'] }],
    event: path('type'),
    jobId: path('id'),
    dedupe: path('id'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Notion webhooks reference.'),
  sample: jsonSample({ id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4', timestamp: '2026-04-06T10:01:25Z', type: 'page.created', entity: { id: 'p1', type: 'page' } }),
};

export const airtable: ProviderDetails = {
  id: 'airtable',
  signatureHeaders: ['X-Airtable-Content-MAC'],
  recognition: byEvent({
    match: [{ headers: ['X-Airtable-Content-MAC'] }],
    event: { join: [path('base.id'), path('webhook.id')], separator: ' ' },
    fields: { base: path('base.id'), webhook: path('webhook.id') },
  }),
  delivery: twoHundred(null, 'Not documented; the notification only says to fetch the payloads.', 'Airtable webhooks overview.', fast('', [])),
  sample: jsonSample({ base: { id: 'appXXXXXXXXXXXXXX' }, webhook: { id: 'achXXXXXXXXXXXXXX' }, timestamp: '2026-04-06T10:01:25.000Z' }),
};

export const asana: ProviderDetails = {
  id: 'asana',
  signatureHeaders: ['X-Hook-Signature'],
  recognition: byEvent({
    match: [{ headers: ['X-Hook-Signature'] }, { headers: ['X-Hook-Secret'] }],
    event: value('events'),
  }),
  delivery: twoHundred(
    null,
    'Retried with exponential backoff for 24 hours, then the webhook is deleted.',
    'Asana webhooks guide: the handshake echoes X-Hook-Secret; later events carry X-Hook-Signature.',
  ),
  sample: jsonSample({ events: [{ action: 'changed', resource: { gid: '1', resource_type: 'task' } }] }),
};

export const webflow: ProviderDetails = {
  id: 'webflow',
  signatureHeaders: ['x-webflow-signature', 'x-webflow-timestamp'],
  recognition: byEvent({
    match: [{ headers: ['x-webflow-signature', 'x-webflow-timestamp'] }],
    event: path('triggerType'),
  }),
  delivery: twoHundred(null, 'See the docs.', 'Webflow "Working with webhooks".'),
  sample: jsonSample({ triggerType: 'form_submission', payload: { name: 'Contact', data: { email: 'a@example.com' } } }),
};

export const typeform: ProviderDetails = {
  id: 'typeform',
  signatureHeaders: ['Typeform-Signature'],
  recognition: byEvent({
    match: [{ headers: ['Typeform-Signature'] }, { body: { event_type: ['form_response'], form_response: 'object' } }],
    event: path('event_type'),
    jobId: path('event_id'),
    fields: { form: path('form_response.form_id') },
    summary: ['{form}'],
    dedupe: path('event_id'),
  }),
  delivery: twoHundred(null, 'Retried with backoff on 408, 429 and 5xx (see the docs).', 'Typeform webhooks documentation.'),
  sample: jsonSample({ event_id: '01HV1Y3N0', event_type: 'form_response', form_response: { form_id: 'lT4Z3j', answers: [] } }),
};
