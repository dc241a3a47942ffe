// The one request every row of `npm run bench` is sent: a PDF Gorilla "completed" delivery padded
// to 1 KiB of JSON, with a distinct event id per request (as real traffic mostly has) and a correct
// x-pdfg-signature (hex HMAC-SHA256 of the raw body), so the full path verifies it as valid.
import { createHmac } from 'node:crypto';

/** The endpoint's signing secret; the full-path server is configured with the same. */
export const SIGNING_SECRET = 'pdfg_whsec_bench_0123456789abcdef';
/** The Hookscope endpoint slug, and the path every server is sent (the first segment picks it). */
export const ENDPOINT_SLUG = 'pdfgorilla';
export const REQUEST_PATH = `/${ENDPOINT_SLUG}/webhooks/pdf`;
const TARGET_BYTES = 1024;

/** The body with ID_MARK where the job id goes, built once: each request only splices its id in. */
const ID_MARK = '@@ID@@';
const template: string[] = (() => {
  const fields = {
    jobId: ID_MARK,
    status: 'completed',
    downloadUrl: `https://files.pdfgorilla.example/jobs/${ID_MARK}/invoice.pdf`,
    expiresAt: '2026-04-13T10:00:00.000Z',
    error: null,
    timestamp: '2026-04-06T10:01:23.456Z',
    metadata: { customer: 'cus_bench', template: 'invoice-v3', pages: 2, note: '' },
  };
  const idLength = 16; // job-<6 chars>-<up to 5 chars>, near enough
  const unpadded = JSON.stringify(fields, null, 2).length + 2 * (idLength - ID_MARK.length);
  fields.metadata.note = 'x'.repeat(Math.max(0, TARGET_BYTES - unpadded));
  return JSON.stringify(fields, null, 2).split(ID_MARK);
})();

export interface SignedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

let sequence = 0;
const runTag = Math.random().toString(36).slice(2, 8);

/** The next delivery: a fresh job id, signed with SIGNING_SECRET (a few µs: the load generator's budget is tight). */
export function nextSignedRequest(): SignedRequest {
  const jobId = `job-${runTag}-${(sequence++).toString(36)}`;
  const body = Buffer.from(template.join(jobId));
  return {
    headers: {
      'content-type': 'application/json',
      'x-pdfg-event-id': jobId,
      'x-pdfg-signature': createHmac('sha256', SIGNING_SECRET).update(body).digest('hex'),
    },
    body,
  };
}
