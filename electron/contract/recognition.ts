// What arrived: the provider, event and outcome of a delivery, its place among retries of the same
// event, and the documents (PDFs) it points to, archived on arrival. JSON-safe shapes only.

export type Outcome = 'success' | 'failure' | 'pending';

export interface ProviderInfo {
  /** Stable key, e.g. "pdfgorilla". */
  id: string;
  /** Display name, e.g. "PDF Gorilla". */
  name: string;
  event: string | null;
  status: string | null;
  jobId: string | null;
  outcome: Outcome;
  fields: Record<string, string | number | boolean | null>;
  /** One line for the list, e.g. "job cma1… completed". */
  summary: string;
}

/** Deliveries sharing an event id (x-pdfg-event-id, webhook-id, X-GitHub-Delivery, evt_…). */
export interface DuplicateInfo {
  key: string;
  /** Where the key came from, e.g. "header x-pdfg-event-id". */
  source: string;
  /** 1 for the first delivery of the event. */
  attempt: number;
  /** How many deliveries of this event there are so far. */
  of: number;
  firstId: number;
  previousId: number | null;
  sincePreviousMs: number | null;
  /** The body differs from the previous attempt's. */
  payloadChanged: boolean;
}

export type DocumentState = 'archived' | 'failed' | 'pending';

export interface DocumentSummary {
  id: number;
  deliveryId: number;
  /** The link it was fetched from; null for a PDF posted as the body itself. */
  sourceUrl: string | null;
  origin: 'link' | 'body' | 'multipart';
  /** The payload field the link came from, e.g. "downloadUrl". */
  field: string | null;
  state: DocumentState;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  pages: number | null;
  error: { code: string; message: string } | null;
  /** What the payload claimed (PDFShift filesize and pdf_pages, Adobe metadata.size). */
  claims: { size: number | null; pages: number | null };
  /** Claims the archived file contradicts, in words, e.g. "filesize says 34980 bytes, the file has 35012". */
  mismatches: string[];
  fetchedAt: string | null;
}

export type { ProviderProfileKey } from './names.js';
import type { ProviderProfileKey } from './names.js';

/** Ways an endpoint can misbehave on purpose, to exercise a sender's retries. */
export type FailureMode =
  /** Fail the first `count` deliveries (per endpoint, since the mode was set), or the first `count` attempts of each event. */
  | { kind: 'fail-first'; count: number; status?: number; per?: 'endpoint' | 'event' }
  /** Fail each delivery with probability `percent` / 100. */
  | { kind: 'fail-percent'; percent: number; status?: number }
  /** Answer correctly, but only after the provider's deadline plus a margin, or after `delayMs`. */
  | { kind: 'after-deadline'; provider?: ProviderProfileKey; delayMs?: number }
  /** Answer with a body the sender does not accept as an acknowledgement. */
  | { kind: 'wrong-ack'; body?: string; status?: number };

export interface EndpointStats {
  slug: string;
  /** The provider whose contract the endpoint is held to (its setting, else the most recent recognised). */
  provider: ProviderProfileKey | null;
  deadline: {
    deadlineMs: number | null;
    count: number;
    overDeadline: number;
    p50Ms: number | null;
    p95Ms: number | null;
    maxMs: number | null;
    verdict: 'no-data' | 'no-deadline' | 'ok' | 'close' | 'over';
  };
  /** Adobe counts every answer but 200 {"ack":"done"} as an error and blocks after 50 in 10 minutes. */
  adobe: { errorsLast10Min: number; blockAt: number; remaining: number; blocked: boolean; blockedUntil: string | null } | null;
}

export interface ArchiveSettings {
  /** Fetch the documents payloads point to, on arrival. */
  enabled: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Allow fetching from loopback addresses (off: a payload must not reach this machine's services). */
  allowLoopback: boolean;
}
