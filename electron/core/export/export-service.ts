// Export (HAR 1.2, JSON, code snippets) and import. Exports read the stored deliveries exactly
// (bodies as bytes), mask signature headers and credentials by default, and never touch a secret.
import { randomUUID } from 'node:crypto';
import { ApiError, type Delivery, type ExportFormat, type ExportResult, type ForwardRule, type ImportProgress, type ImportResult, type SnippetLanguage, type SnippetResult } from '../../contract/index.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { DeliveryRepository, NewDelivery } from '../store/delivery-repository.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import type { VerificationRepository } from '../store/verification-repository.js';
import { outgoingHeaders } from '../replay/outgoing-headers.js';
import { capturedRest, joinTarget, parseTarget } from '../replay/request-target.js';
import { harEntry, harLog } from './har.js';
import { ImportError } from './import.js';
import { runImport, type ImportBudget } from './import-stream.js';
import { configuredHeaders, Redactor } from './redact.js';
import { renderSnippet, type RenderedSnippet, type SnippetRequest } from './snippet.js';

export type SnippetRenderer = (request: SnippetRequest, language: SnippetLanguage, client: string | undefined) => Promise<RenderedSnippet>;
const renderHere: SnippetRenderer = async (request, language, client) => renderSnippet(request, language, client);

export const MAX_EXPORT_DELIVERIES = 10_000;

export interface ExportServiceDeps {
  deliveries: DeliveryRepository;
  verifications: VerificationRepository;
  table: EndpointTable;
  /** The endpoint record by slug (endpoints are few; the table has them in memory). */
  endpoint: (slug: string) => EndpointRecord | undefined;
  forwardRule: (endpoint: EndpointRecord) => ForwardRule | null;
  captureUrl: () => string;
  version: string;
  now: () => number;
  /** Stores imported deliveries in one transaction, announces and verifies them; returns their ids. */
  insert: (deliveries: NewDelivery[], endpointSlug: string) => number[];
  /** Deletes (and announces the deletion of) what a failed import had stored. */
  discard: (ids: number[]) => void;
  /** Announces an import's progress (`import.progressed`). */
  progressed: (progress: ImportProgress) => void;
  /** Where a snippet is rendered; the core passes its analysis pool (the body is untrusted). */
  renderSnippet?: SnippetRenderer;
  /** Worker heap, time and batch sizes of an import (tests shrink them). */
  importBudget?: Partial<ImportBudget>;
}

export interface ImportStreamArgs {
  endpoint: string;
  /** The file's bytes, as they arrive. */
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The file's size when known (Content-Length), for progress. */
  totalBytes: number | null;
  /** Names the import in its progress events; default a random UUID. */
  importId?: string;
}

/** Progress events at most this often (and once at the end). */
const PROGRESS_INTERVAL_MS = 100;

export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  private redactorFor(slugs: Iterable<string>): Redactor {
    const extra: string[] = [];
    for (const slug of new Set(slugs)) extra.push(...configuredHeaders(this.deps.endpoint(slug)?.verification?.options));
    return new Redactor(extra);
  }

  private selection(ids: number[] | undefined, endpoint: string | undefined): number[] {
    let selected: number[];
    if (endpoint !== undefined) {
      if (!this.deps.endpoint(endpoint)) throw new ApiError('not_found', `no endpoint "${endpoint}"`);
      selected = this.deps.deliveries.idsOfEndpoint(endpoint);
    } else {
      selected = [...new Set(ids ?? [])].sort((a, b) => a - b);
      const missing = selected.find((id) => !this.deps.deliveries.summary(id));
      if (missing !== undefined) throw new ApiError('not_found', `no delivery ${missing}`);
    }
    if (selected.length > MAX_EXPORT_DELIVERIES) {
      throw new ApiError('invalid_argument', `${selected.length} deliveries: export at most ${MAX_EXPORT_DELIVERIES} at a time`);
    }
    return selected;
  }

  private full(id: number): { delivery: Delivery; body: Buffer } {
    const stored = this.deps.deliveries.get(id);
    if (!stored) throw new ApiError('not_found', `no delivery ${id}`);
    return { delivery: { ...stored, verification: this.deps.verifications.get(id), provider: null, duplicate: null, analysisFailures: [] }, body: this.deps.deliveries.body(id) ?? Buffer.alloc(0) };
  }

  export(args: { ids?: number[]; endpoint?: string; format: ExportFormat; redact: boolean }): ExportResult {
    const ids = this.selection(args.ids, args.endpoint);
    const items = ids.map((id) => this.full(id));
    const redactor = args.redact ? this.redactorFor(items.map((item) => item.delivery.endpoint)) : null;
    const shown = items.map(({ delivery, body }) => ({
      body,
      delivery: redactor
        ? { ...delivery, headers: redactor.headers(delivery.headers), verification: redactor.verification(delivery.verification) }
        : delivery,
    }));
    const exportedAt = new Date(this.deps.now());
    const stamp = exportedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const name = `hookscope-${args.endpoint ?? 'selection'}-${stamp}`;
    const note = redactor ? 'Signature headers and credentials are masked as [redacted].' : undefined;
    if (args.format === 'har') {
      const entries = shown.map(({ delivery, body }) => harEntry({ delivery, body, captureUrl: this.deps.captureUrl() }));
      return { format: 'har', filename: `${name}.har`, mediaType: 'application/json', count: ids.length, redacted: !!redactor, document: { ...harLog(entries, this.deps.version, note) } };
    }
    return {
      format: 'json',
      filename: `${name}.json`,
      mediaType: 'application/json',
      count: ids.length,
      redacted: !!redactor,
      document: {
        format: 'hookscope.deliveries',
        version: 1,
        exportedAt: exportedAt.toISOString(),
        redacted: !!redactor,
        deliveries: shown.map(({ delivery }) => delivery),
      },
    };
  }

  async snippet(args: { id: number; language: SnippetLanguage; client?: string; target?: string; redact: boolean }): Promise<SnippetResult> {
    const raw = this.deps.deliveries.raw(args.id);
    if (!raw) throw new ApiError('not_found', `no delivery ${args.id}`);
    const endpoint = this.deps.table.byId(raw.endpointId);
    if (!endpoint) throw new ApiError('not_found', `the endpoint of delivery ${args.id} is gone`);
    const rule = this.deps.forwardRule(endpoint);
    const url =
      args.target !== undefined
        ? joinTarget(args.target, capturedRest(raw.url, endpoint.slug))
        : rule
          ? joinTarget(rule.target, rule.appendPath ? capturedRest(raw.url, endpoint.slug) : '')
          : this.deps.captureUrl() + raw.url;
    const host = parseTarget(url).host;
    let headers = outgoingHeaders(raw.headers, { host, method: raw.method, bodyLength: raw.body.length });
    // A replay frames an empty POST (Node would chunk it); curl sends none, so a snippet adds none the sender did not send.
    const framed = raw.headers.some(([name]) => ['content-length', 'transfer-encoding'].includes(name.toLowerCase()));
    if (!framed && raw.body.length === 0) headers = headers.filter(([name]) => name.toLowerCase() !== 'content-length');
    if (args.redact) headers = this.redactorFor([endpoint.slug]).headers(headers);
    const rendered = await (this.deps.renderSnippet ?? renderHere)({ method: raw.method, url, headers, body: raw.body }, args.language, args.client);
    return { language: args.language, client: rendered.client, url, code: rendered.code, redacted: args.redact, warning: rendered.warning };
  }

  /**
   * A HAR log or Hookscope JSON export, streamed: parsed in a worker, stored batch by batch, all or
   * nothing. A malformed file rejects with `invalid_argument` saying what and where.
   */
  async importStream(args: ImportStreamArgs): Promise<ImportResult> {
    const endpoint = this.deps.endpoint(args.endpoint);
    if (!endpoint) throw new ApiError('not_found', `no endpoint "${args.endpoint}"`);
    const importId = args.importId ?? randomUUID();
    const progress = { importId, endpoint: endpoint.slug, bytesRead: 0, totalBytes: args.totalBytes, entries: 0 };
    let lastSent = 0;
    const announce = (state: ImportProgress['state'], error: string | null = null) => {
      lastSent = Date.now();
      this.deps.progressed({ ...progress, state, error });
    };
    announce('running');
    try {
      const ids = await runImport({
        source: args.source,
        endpointId: endpoint.id,
        now: this.deps.now(),
        store: (batch) => this.deps.insert(batch, endpoint.slug),
        discard: (ids) => this.deps.discard(ids),
        onProgress: ({ bytesRead, entries }) => {
          Object.assign(progress, { bytesRead, entries });
          if (Date.now() - lastSent >= PROGRESS_INTERVAL_MS) announce('running');
        },
        budget: this.deps.importBudget,
      });
      announce('completed');
      return { imported: ids.length, ids };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      announce('failed', message);
      if (error instanceof ImportError) throw new ApiError('invalid_argument', message);
      throw error;
    }
  }

  /** The JSON-argument form (a document or its text, already in memory): the same path, off-thread. */
  import(args: { endpoint: string; document?: Record<string, unknown>; text?: string; importId?: string }): Promise<ImportResult> {
    const bytes = Buffer.from(args.text ?? JSON.stringify(args.document ?? {}), 'utf8');
    return this.importStream({ endpoint: args.endpoint, source: chunksOf(bytes), totalBytes: bytes.length, importId: args.importId });
  }
}

const CHUNK_BYTES = 1024 * 1024;

async function* chunksOf(bytes: Buffer): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}
