// The senders of the reference documents (../shared/reference: PDFShift 000/001, PDF Gorilla 002,
// Adobe PDF Services 003, GoShiip 004), moved here from recognize/recognizers.ts and
// endpoints/failure-modes.ts with their field names, deadlines and acks unchanged.
import { fast, header, path, value } from './build.js';
import type { ProviderDetails } from './types.js';

export const pdfgorilla: ProviderDetails = {
  id: 'pdfgorilla',
  signatureHeaders: ['x-pdfg-signature'],
  recognition: {
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
    idHeaders: ['x-pdfg-event-id'],
    documents: [{ url: 'downloadUrl', expiresAt: 'expiresAt' }],
  },
  delivery: {
    response: fast(),
    deadlineMs: 5_000,
    ack: { status: '2xx' },
    retries: 'Not documented.',
    retrySchedule: {
      delaysMs: [],
      source: 'PDF Gorilla webhooks (reference 002) document one POST when the job reaches a final state and no retry ("slow handlers may time out").',
      recovery: 'GET /api/v1/jobs/{jobId} gives the job and a fresh download URL (reference 002, "Download URL lifetime").',
    },
    source: 'PDF Gorilla webhooks (reference 002): "return 2xx within about 5 seconds".',
  },
  sample: {
    method: 'POST',
    path: '/webhooks/pdf',
    headers: [['Content-Type', 'application/json'], ['x-pdfg-event-id', 'job_8f2c']],
    body: '{"jobId":"job_8f2c","status":"completed","downloadUrl":"https://files.example.com/job_8f2c.pdf","timestamp":"2026-04-06T10:01:25Z"}',
  },
};

export const adobe: ProviderDetails = {
  id: 'adobe',
  signatureHeaders: [],
  recognition: {
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
  delivery: {
    response: fast('{"ack":"done"}'),
    deadlineMs: null,
    ack: { status: 200, json: { ack: 'done' } },
    errorBlock: { errors: 50, windowMs: 10 * 60_000, blockMs: 20 * 60_000 },
    retries: 'Not documented; 50 errors in 10 minutes block the notifications for 20 minutes.',
    retrySchedule: {
      delaysMs: [],
      source: 'Adobe PDF Services webhook notification (reference 003) documents no retry, only the block after 50 error responses in 10 minutes.',
      recovery: 'the GET Status API returns the same status and result (reference 003: the callback payload "is same as that of GET STATUS response").',
    },
    source:
      'Adobe PDF Services webhook notification (reference 003): 200 with {"ack":"done"}, anything else is an error; ' +
      '50 errors in 10 minutes block the notifications for 20 minutes. No timeout is documented.',
  },
  sample: {
    method: 'POST',
    path: '',
    headers: [['Content-Type', 'application/json']],
    body: '{"jobID":"tnXBPzYbTRrWx7y","statusResponse":{"status":"done","asset":{"downloadUri":"https://files.example.com/a.pdf","assetID":"urn:aaid:AS:1","metadata":{"type":"application/pdf","size":1024}}}}',
  },
};

export const goshiip: ProviderDetails = {
  id: 'goshiip',
  signatureHeaders: ['X-Signature'],
  recognition: {
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
  delivery: {
    response: fast(),
    deadlineMs: 30_000,
    ack: { status: '2xx' },
    retries: 'Not documented; webhooks are dispatched every 30 minutes in production, every 5 minutes in sandbox.',
    retrySchedule: {
      delaysMs: [],
      source: 'GoShiip webhooks (reference 004) document the 30 s timeout and the dispatch cadence (every 30 minutes in production, 5 in sandbox), not a retry.',
    },
    source: 'GoShiip webhooks (reference 004): "The timeout for our webhook is 30 seconds".',
  },
  sample: {
    method: 'POST',
    path: '',
    headers: [['Content-Type', 'application/json']],
    body: '{"shipment":{"data":{"reference":"5lqijs7rm9n0","id":"565","status":"Delivered","origin":"Lekki","destination":"Ibadan"},"carrier":"DHL"}}',
  },
};

export const pdfshift: ProviderDetails = {
  id: 'pdfshift',
  signatureHeaders: [],
  recognition: {
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
  delivery: {
    response: fast(),
    deadlineMs: null,
    ack: { status: '2xx' },
    retries: 'Not documented.',
    retrySchedule: { delaysMs: [], source: 'PDFShift webhook guide (references 000, 001) documents one POST once the conversion is done, no retry.' },
    source: 'PDFShift webhook guide (references 000, 001): no deadline documented.',
  },
  sample: {
    method: 'POST',
    path: '',
    headers: [['Content-Type', 'application/json']],
    body: '{"success":true,"url":"https://files.example.com/d/1.pdf","filesize":10240,"pdf_pages":2,"duration":1200}',
  },
};
