// The work the analysis pool does, as plain functions of plain data (they run on a worker thread,
// and in unit tests on this one). Everything here reads bytes a stranger posted. Each stage is
// caught on its own, so a body that trips recognition still gets its signature checked.
import type { HeaderPair, Verification } from '../../contract/index.js';
import { classifyDocument, countPdfPages, pdfFromBody, type BodyPdf, type DocumentVerdict } from '../archive/index.js';
import { analyze, type Analysis } from '../recognize/index.js';
import { verify, type VerificationConfig } from '../verify/index.js';
import { decodeBody, type DecodeLimits, type DecodeOutcome } from '../untrusted/content-coding.js';

export type EnrichStage = 'verify' | 'recognize' | 'documents';
export const enrichStages: readonly EnrichStage[] = ['verify', 'recognize', 'documents'];

export interface EnrichJob {
  deliveryId: number;
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
  contentType: string | null;
  /** A refused delivery (too large, incomplete) is only verified. */
  rejected: boolean;
  /** The endpoint's verification, secret included (it never leaves this process). */
  config: VerificationConfig | null;
  publicUrl: string | null;
  /** Certificates fetched for schemes whose requests name theirs (sns, paypal, adobe-io), by URL. */
  certificates?: Record<string, string>;
  nowMs: number;
  /** Which stages to run (a retry after a failure runs one at a time). */
  stages: readonly EnrichStage[];
  /** false: skip the signature diagnosis (a retry after the full check overran). */
  diagnose: boolean;
}

export interface BodyDocument extends Omit<BodyPdf, 'bytes'> {
  bytes: Uint8Array;
  pages: number | null;
}

export interface StageFailure {
  stage: EnrichStage;
  reason: string;
}

export interface EnrichResult {
  deliveryId: number;
  verification?: Verification;
  /** null: nothing to recognise (a refused delivery). */
  analysis?: Analysis | null;
  documents?: BodyDocument[];
  failures: StageFailure[];
}

export type AnalysisTask =
  | { kind: 'enrich'; jobs: EnrichJob[] }
  | { kind: 'classify-document'; status: number; contentType: string | null; bytes: Uint8Array; accept: 'pdf' | 'any' }
  | { kind: 'decode'; body: Uint8Array; encodings: string[]; limits?: DecodeLimits };

export function runAnalysisTask(task: AnalysisTask): EnrichResult[] | DocumentVerdict | DecodeOutcome {
  if (task.kind === 'enrich') return task.jobs.map(enrich);
  if (task.kind === 'decode') return decodeBody(asBuffer(task.body), task.encodings, task.limits);
  return classifyDocument(task.status, task.contentType, asBuffer(task.bytes), task.accept);
}

export function enrich(job: EnrichJob): EnrichResult {
  const body = asBuffer(job.body);
  const result: EnrichResult = { deliveryId: job.deliveryId, failures: [] };
  const attempt = (stage: EnrichStage, run: () => void): void => {
    if (!job.stages.includes(stage)) return;
    try {
      run();
    } catch (error) {
      result.failures.push({ stage, reason: `it failed: ${(error as Error).message}` });
    }
  };
  attempt('verify', () => {
    const input = { method: job.method, url: job.url, headers: job.headers, body, publicUrl: job.publicUrl ?? undefined, diagnose: job.diagnose, certificates: job.certificates };
    result.verification = verify(input, job.config, () => job.nowMs);
  });
  attempt('recognize', () => {
    result.analysis = job.rejected ? null : analyze({ headers: job.headers, body, contentType: job.contentType });
  });
  attempt('documents', () => {
    result.documents = job.rejected ? [] : pdfFromBody(job.contentType, body).map((pdf) => ({ ...pdf, pages: countPdfPages(pdf.bytes) }));
  });
  return result;
}

/** Bytes that crossed a thread arrive as a plain Uint8Array. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
