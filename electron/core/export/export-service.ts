// Export (HAR 1.2, JSON, code snippets) and import. Exports read the stored deliveries exactly
// (bodies as bytes), mask signature headers and credentials by default, and never touch a secret.
import { ApiError, type Delivery, type ExportFormat, type ExportResult, type ForwardRule, type ImportResult, type SnippetLanguage, type SnippetResult } from '../../contract/index.js';
import type { EndpointTable } from '../endpoint-table.js';
import type { DeliveryRepository, NewDelivery } from '../store/delivery-repository.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import type { VerificationRepository } from '../store/verification-repository.js';
import { outgoingHeaders } from '../replay/outgoing-headers.js';
import { capturedRest, joinTarget, parseTarget } from '../replay/request-target.js';
import { harEntry, harLog } from './har.js';
import { ImportError, parseImport } from './import.js';
import { configuredHeaders, Redactor } from './redact.js';
import { renderSnippet } from './snippet.js';

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
}

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

  snippet(args: { id: number; language: SnippetLanguage; client?: string; target?: string; redact: boolean }): SnippetResult {
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
    if (args.redact) headers = this.redactorFor([endpoint.slug]).headers(headers);
    const rendered = renderSnippet({ method: raw.method, url, headers, body: raw.body }, args.language, args.client);
    return { language: args.language, client: rendered.client, url, code: rendered.code, redacted: args.redact, warning: rendered.warning };
  }

  import(args: { endpoint: string; document: Record<string, unknown> }): ImportResult {
    const endpoint = this.deps.endpoint(args.endpoint);
    if (!endpoint) throw new ApiError('not_found', `no endpoint "${args.endpoint}"`);
    let parsed: NewDelivery[];
    try {
      parsed = parseImport(args.document, endpoint.id, this.deps.now());
    } catch (error) {
      if (error instanceof ImportError) throw new ApiError('invalid_argument', error.message);
      throw error;
    }
    const ids = parsed.length === 0 ? [] : this.deps.insert(parsed, endpoint.slug);
    return { imported: ids.length, ids };
  }
}
