// The reference senders' events (../shared/reference 000-004), complete: every event each document
// names, with the headers it names, fresh ids, timestamps and links on each send. Where a document
// names an event without showing its body, the shape is derived and the template says so.
import type { HeaderPair } from '../../contract/index.js';
import { type FreshSource, isoLike, LOWER_ALNUM } from './fresh.js';
import { CONTENT_JSON, json, post, type Template } from './template.js';

const HEX = '0123456789abcdef';
const seconds = (f: FreshSource) => Math.floor(f.nowMs / 1000);

// ---- PDF Gorilla (reference 002) ----------------------------------------------------------------

/** cuid-like job ids, as in the document's "cma1b2c3d4e5f6g7h8i9j0k". */
const gorillaJob = (f: FreshSource) => `c${f.chars(LOWER_ALNUM, 22)}`;
/** "Links in the webhook expire after a few minutes" (002, "Download URL lifetime"); the sample's expiresAt is a week out. 15 minutes here. */
const GORILLA_LINK_MS = 15 * 60_000;

function gorilla(status: 'completed' | 'failed' | 'canceled', error: { code: string; message: string } | null): Template {
  return {
    id: `pdfgorilla.${status}`,
    provider: 'pdfgorilla',
    event: status,
    title: `PDF Gorilla: job ${status}`,
    source:
      status === 'canceled'
        ? 'PDF Gorilla webhooks (reference 002): "canceled" is a final state the document names without a body; this is the "failed" body with status canceled.'
        : `PDF Gorilla webhooks (reference 002), "${status === 'completed' ? 'Completed' : 'Failed'} job".`,
    notes: [
      'PDF Gorilla signs x-pdfg-signature with the webhookSecret you gave generate-async: pass the same secret with --secret.',
      'PDF Gorilla itself only calls public https:// URLs (reference 002); Hookscope sends to any URL you name.',
      ...(status === 'completed' ? ['downloadUrl points nowhere real and expires 15 minutes after the send, as PDF Gorilla\'s "few minutes" links do.'] : []),
    ],
    build(f) {
      const jobId = gorillaJob(f);
      const timestamp = isoLike('2026-04-06T10:01:23.456Z', f.nowMs);
      const expires = f.nowMs + GORILLA_LINK_MS;
      const body =
        status === 'completed'
          ? {
              jobId,
              status,
              downloadUrl: `https://files.pdfgorilla.example/jobs/${jobId}.pdf?expires=${Math.floor(expires / 1000)}&sig=${f.chars(HEX, 32)}`,
              expiresAt: new Date(expires).toISOString(),
              error: null,
              timestamp,
            }
          : { jobId, status, error, timestamp };
      const headers: HeaderPair[] = [CONTENT_JSON, ['x-pdfg-event-id', jobId]];
      return post(headers, json(body));
    },
  };
}

// ---- PDFShift (references 000, 001) -------------------------------------------------------------

function pdfshift(outcome: 'success' | 'failure'): Template {
  return {
    id: `pdfshift.${outcome}`,
    provider: 'pdfshift',
    event: outcome,
    title: `PDFShift: conversion ${outcome === 'success' ? 'done' : 'failed'}`,
    source:
      outcome === 'success'
        ? 'PDFShift "Receive a webhook event" (references 000, 001): the body POSTed to the `webhook` URL once the conversion is done.'
        : 'PDFShift (references 000, 001) shows an empty failure body; this is the shape of PDFShift\'s API errors, which is what the webhook is assumed to carry.',
    notes: ['PDFShift does not sign its webhook: the `webhook` URL itself is the secret (put a token in it).'],
    build(f) {
      const executed = isoLike('2024-03-06T09:10:10.981098', f.nowMs);
      const month = executed.slice(0, 7);
      const file = `${f.chars(HEX, 32)}/${f.uuid()}`;
      const body =
        outcome === 'success'
          ? {
              success: true,
              url: `https://pdfshift.s3.amazonaws.com/d/2/${month}/${file}.pdf`,
              filesize: 34980,
              duration: 1058,
              response: { 'status-code': 200, 'content-length': 0, requests: 0, duration: 934.5173301696777 },
              executed,
              pdf_pages: 1,
            }
          : { success: false, error: 'The source took too long to load.', code: 408, identifier: f.uuid() };
      return post([CONTENT_JSON], json(body));
    },
  };
}

// ---- Adobe PDF Services (reference 003) --------------------------------------------------------

function adobe(status: 'done' | 'failed'): Template {
  return {
    id: `adobe.${status}`,
    provider: 'adobe',
    event: status,
    title: `Adobe PDF Services: job ${status}`,
    source: `Adobe PDF Services webhook notification (reference 003), CALLBACK notifier, "In case Job completes with ${status === 'done' ? 'Success' : 'Failure'}".`,
    notes: [
      'Adobe sends the headers you configured in the CALLBACK notifier\'s data.headers (e.g. x-api-key): add each with --header "name: value" so your handler sees them.',
      'Adobe requires 200 with {"ack":"done"}; 50 error answers in 10 minutes block the notifications for 20 minutes.',
    ],
    build(f) {
      const jobID = f.chars(`${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`, 32);
      const amzDate = new Date(f.nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      const statusResponse =
        status === 'done'
          ? {
              status,
              asset: {
                metadata: { type: 'application/pdf', size: 318974 },
                // A presigned S3 link as in the reference: dated now, valid 3599 s (its X-Amz-Expires).
                downloadUri:
                  `https://dcplatformstorageservice-prod-us-east-1.s3-accelerate.amazonaws.com/${f.chars(HEX, 32)}/${f.uuid()}` +
                  `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${amzDate}&X-Amz-SignedHeaders=host&X-Amz-Expires=3599&X-Amz-Signature=${f.chars(HEX, 64)}`,
                assetID: `urn:aaid:AS:UE1:${f.uuid()}`,
              },
            }
          : {
              status,
              error: {
                code: 'INVALID_PROVIDER_NAME',
                message: `Provider with name csctest not supported.; transactionId=${f.chars(`${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`, 32)}`,
                status: 400,
              },
            };
      return post([CONTENT_JSON], json({ jobID, statusResponse }));
    },
  };
}

// ---- GoShiip (reference 004) -------------------------------------------------------------------

/** The statuses of the document's table, in their order. */
export const goShiipStatuses = ['Pending', 'In Progress', 'Picked Up', 'Delivered'] as const;

function goshiip(status: (typeof goShiipStatuses)[number]): Template {
  const event = status.toLowerCase().replace(/ /g, '_');
  return {
    id: `goshiip.${event}`,
    provider: 'goshiip',
    event,
    title: `GoShiip: shipment ${status}`,
    source: `GoShiip webhooks (reference 004), "Webhook Event Sample" with the status "${status}" from its status table.`,
    notes: [
      'GoShiip signs X-Signature (HMAC-SHA256 of the raw body, hex) with your secret key: pass it with --secret.',
      'GoShiip dispatches webhooks every 30 minutes in production (5 in sandbox, reference 004): a real status change can arrive that late.',
    ],
    build(f) {
      const body = {
        shipment: {
          data: {
            destination: 'David Ola Ojeniyi St, Ibadan, Nigeria',
            origin: '1 Kayode Otitoju St, Lekki Phase I 106104, Lekki, Nigeria',
            reference: f.chars(LOWER_ALNUM, 12),
            id: String(100 + (seconds(f) % 900_000)),
            status,
            extra: 'pending,In progress,picked up,delivered.',
          },
          carrier: 'DHL',
        },
      };
      return post([CONTENT_JSON], json(body));
    },
  };
}

export const seedTemplates: readonly Template[] = [
  pdfshift('success'),
  pdfshift('failure'),
  gorilla('completed', null),
  gorilla('failed', { code: 'RENDER_TIMEOUT', message: 'PDF rendering timed out.' }),
  gorilla('canceled', { code: 'JOB_CANCELED', message: 'The job was canceled.' }),
  adobe('done'),
  adobe('failed'),
  ...goShiipStatuses.map(goshiip),
];
