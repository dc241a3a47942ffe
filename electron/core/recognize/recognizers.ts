// The providers Hookscope recognises, as data. Field names come from the providers' webhook
// documents (../shared/reference: PDFShift 000/001, PDF Gorilla 002, Adobe PDF Services 003,
// GoShiip 004) and from the public docs of Stripe, GitHub, Shopify and Standard Webhooks / Svix.
// To add a provider, add an entry; tests/unit/recognize shows what each entry must produce.
import type { Matcher, Recognizer, Source } from './types.js';

const path = (p: string): Source => ({ path: p });
const header = (h: string): Source => ({ header: h });
const value = (v: string): Source => ({ value: v });

/** Event names such as `invoice.payment_failed`, `charge.refunded`, `job.canceled`, normalised (see Matcher). */
const failureWords: Matcher = /\b(fail|failed|failure|error|errored|canceled|cancelled|declined|expired|rejected|refused|bounced|timed out|timeout)\b/;
const pendingWords: Matcher = /\b(pending|processing|in progress|queued|requested|waiting|scheduled|started|requires \w+|action required)\b/;

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

export const recognizers: readonly Recognizer[] = [
  {
    id: 'pdfgorilla',
    name: 'PDF Gorilla',
    // x-pdfg-event-id and x-pdfg-signature on every delivery; the body shape alone for a replay without them.
    match: [
      { headers: ['x-pdfg-event-id'] },
      { headers: ['x-pdfg-signature'] },
      { body: { jobId: 'string', status: ['completed', 'failed', 'canceled'], timestamp: 'string' } },
    ],
    event: value('job'),
    status: path('status'),
    jobId: { first: [path('jobId'), header('x-pdfg-event-id')] },
    outcome: { from: path('status'), success: ['completed'], failure: ['failed', 'canceled', 'cancelled'], otherwise: 'pending' },
    fields: {
      eventId: header('x-pdfg-event-id'),
      downloadUrl: path('downloadUrl'),
      expiresAt: path('expiresAt'),
      'error.code': path('error.code'),
      'error.message': path('error.message'),
      timestamp: path('timestamp'),
    },
    summary: ['{status}', '{jobId|short}', '{error.code}', 'link expires {expiresAt}'],
    // x-pdfg-event-id is documented as "same as jobId": one job, one final event, so jobId is the event identity.
    dedupe: { first: [header('x-pdfg-event-id'), path('jobId')] },
    documents: [{ url: 'downloadUrl', expiresAt: 'expiresAt' }],
  },
  {
    id: 'github',
    name: 'GitHub',
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
    scanLinks: false,
  },
  {
    id: 'shopify',
    name: 'Shopify',
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
  },
  {
    id: 'stripe',
    name: 'Stripe',
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
  {
    id: 'standard-webhooks',
    name: 'Standard Webhooks',
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
  },
  {
    id: 'adobe',
    name: 'Adobe PDF Services',
    match: [{ body: { jobID: 'string', 'statusResponse.status': 'string' } }],
    event: value('job'),
    status: path('statusResponse.status'),
    jobId: path('jobID'),
    outcome: { from: path('statusResponse.status'), success: ['done'], failure: ['failed'], otherwise: 'pending' },
    fields: {
      downloadUri: path('statusResponse.asset.downloadUri'),
      assetID: path('statusResponse.asset.assetID'),
      'metadata.type': path('statusResponse.asset.metadata.type'),
      'metadata.size': path('statusResponse.asset.metadata.size'),
      'error.code': path('statusResponse.error.code'),
      'error.message': path('statusResponse.error.message'),
      'error.status': path('statusResponse.error.status'),
    },
    summary: ['{status}', '{jobId|short}', '{metadata.size|bytes}', '{error.code}'],
    dedupe: path('jobID'),
    documents: [
      { url: 'statusResponse.asset.downloadUri', size: 'statusResponse.asset.metadata.size', type: 'statusResponse.asset.metadata.type' },
    ],
  },
  {
    id: 'goshiip',
    name: 'GoShiip',
    match: [{ body: { 'shipment.data.status': 'string', 'shipment.data.reference': 'present' } }],
    event: value('shipment'),
    status: path('shipment.data.status'),
    jobId: path('shipment.data.reference'),
    // Pending → In Progress → Picked Up → Delivered; anything that is not yet delivered is pending.
    outcome: {
      from: path('shipment.data.status'),
      success: ['delivered'],
      failure: /\b(cancel+ed|failed|returned|rejected|lost)\b/,
      pending: ['pending', 'in progress', 'picked up'],
      otherwise: 'pending',
    },
    fields: {
      reference: path('shipment.data.reference'),
      id: path('shipment.data.id'),
      carrier: path('shipment.carrier'),
      origin: path('shipment.data.origin'),
      destination: path('shipment.data.destination'),
    },
    summary: ['{status}', '{reference}', '{carrier}', 'to {destination}'],
    // A shipment sends one event per status change: the same reference with a new status is a new event, not a retry.
    dedupe: { join: [path('shipment.data.reference'), path('shipment.data.status')], separator: ':' },
  },
  {
    id: 'pdfshift',
    name: 'PDFShift',
    match: [
      { body: { success: [true], url: 'string', filesize: 'number' } },
      { body: { success: [true], url: 'string', pdf_pages: 'number' } },
      // The failure body is empty in the reference document; PDFShift's API errors read
      // {"success": false, "error": "…", "code": 400} (or "errors" for validation), so that is matched.
      { body: { success: [false], error: 'present' } },
      { body: { success: [false], errors: 'present' } },
    ],
    event: value('conversion'),
    status: { map: path('success'), to: { true: 'succeeded', false: 'failed' } },
    outcome: { from: path('success'), success: ['true'], failure: ['false'], otherwise: 'pending' },
    fields: {
      url: path('url'),
      filesize: path('filesize'),
      duration: path('duration'),
      pdf_pages: path('pdf_pages'),
      executed: path('executed'),
      'response.status-code': path('response.status-code'),
      error: { first: [path('error'), path('errors')] },
      code: path('code'),
    },
    summary: ['{status}', '{pdf_pages|pages}', '{filesize|bytes}', '{duration|ms}', '{error}'],
    // No id in the payload; the file's URL is unique per conversion and identical on a retry.
    dedupe: path('url'),
    documents: [{ url: 'url', size: 'filesize', pages: 'pdf_pages' }],
  },
];
