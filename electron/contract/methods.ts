// The ONE contract between the core and every user interface. Each method is declared once: its
// argument schema (checked at every trust boundary: serve's HTTP API and the desktop IPC bridge,
// both through core/call-method.ts), its result type, and its HTTP binding. The HTTP routes, the
// IPC bridge and the renderer client are derived from this table, so adding a method is one entry
// here, one in core/api.ts, and the service that does the work.
import { z } from 'zod';
import { MAX_IMPORT_TEXT_CHARS, providerProfileKeys, trafficRanges, verificationSchemes } from './names.js';
import { MAX_QUERY_CHARS } from './search.js';
import type { DocumentSummary, EndpointStats } from './recognition.js';
import type { TriggerPreview, TriggerRun, TriggerTemplateInfo } from './trigger.js';
import {
  replayModes,
  snippetTargets,
  type BulkJob,
  type DecodedBody,
  type Delivery,
  type DeliverySummary,
  type Endpoint,
  type EndpointTraffic,
  type ErrorCode,
  type ExportResult,
  type FixtureResult,
  type HandshakeInfo,
  type ImportResult,
  type ReplayAttempt,
  type ReplayAttemptSummary,
  type Settings,
  type SnippetResult,
  type StoreStats,
  type SystemInfo,
  type TeamStatus,
  type TunnelStatus,
  type Verification,
} from './types.js';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a slug is 1-63 characters of a-z, 0-9, "-" and "_", starting with a letter or digit');
const deliveryId = z.coerce.number().int().positive();
const searchQuery = z.string().max(MAX_QUERY_CHARS, `a query is at most ${MAX_QUERY_CHARS} characters`);
/** Names an import in its `import.progressed` events; chosen by the caller so it can follow them. */
export const importId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an import id is 1-64 characters of A-Z, a-z, 0-9, "-" and "_"');
/** The query of the streaming import (routes.ts `importUploadRoute`). */
export const importUploadQuery = z.strictObject({ endpoint: slug, importId: importId.optional() });
const headerPair = z.tuple([
  z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name'),
  z.string().regex(/^[^\r\n\0]*$/, 'header values cannot contain CR, LF or NUL'),
]);

export const responseRuleSchema = z.strictObject({
  status: z.number().int().min(100).max(599),
  headers: z.array(headerPair).max(100),
  body: z.string().max(1024 * 1024),
  delayMs: z.number().int().min(0).max(120_000),
});

const responseRulePatch = responseRuleSchema.partial();


/**
 * What a UI sends to set an endpoint's verification. The scheme's own options are checked by the
 * core's verifier (core/verify), which knows them; `secret` may be left out to keep the stored one.
 */
const verificationInput = z
  .looseObject({
    scheme: z.enum(verificationSchemes),
    secret: z.string().min(1).max(4096).optional(),
  })
  .nullable();
const publicUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, 'a public URL starts with http:// or https://')
  .nullable();
/** Where replays and forwards go: any http(s) URL the user names (the API is theirs alone). */
const targetUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'a target is an http:// or https:// URL')
  .refine((value) => URL.canParse(value), 'not a valid URL');
const timeoutMs = z.number().int().min(100).max(300_000);
const forwardInput = z
  .strictObject({
    target: targetUrl,
    appendPath: z.boolean().default(true),
    relayResponse: z.boolean().default(false),
    timeoutMs: timeoutMs.default(30_000),
  })
  .nullable();
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const httpMethod = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/, 'not a valid HTTP method');
/** Path and query appended to the target, as raw as a request target: no spaces, CR, LF. */
const requestPath = z
  .string()
  .max(16_384)
  .regex(/^(?:[/?][\x21-\x7e]*)?$/, 'a path starts with "/" (or "?" for a query only) and has no spaces or control characters');
/** A fixture carries its body inline in its tests (core/fixtures MAX_FIXTURE_BODY_BYTES is 8 MiB). */
const MAX_FIXTURE_TEXT_CHARS = 8 * 1024 * 1024;
const triggerTemplateId = z.string().regex(/^[a-z0-9-]{1,64}\.[a-z0-9._-]{1,128}$/, 'a template is provider.event, e.g. pdfgorilla.completed');
const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a requestId is 1-64 of A-Z a-z 0-9 _ -');
const bulkId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const idList = z.array(z.number().int().positive()).min(1).max(10_000);
const positiveOrNull = z.number().int().positive().nullable();
const tunnelHost = z.string().max(2048).regex(/^https?:\/\/[^\s/]+\/?$/, 'a tunnel host is an http(s) origin, e.g. https://localtunnel.me');
const subdomain = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/, 'a subdomain is 4-63 lowercase letters, digits and inner hyphens');

const providerProfileKey = z.enum(providerProfileKeys);
const verifyToken = z.string().min(1).max(200).nullable();
const failureStatus = z.number().int().min(100).max(599).optional();
/** null turns the failure mode off. */
const failureModeInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fail-first'), count: z.number().int().min(1).max(1000), status: failureStatus, per: z.enum(['endpoint', 'event']).optional() }),
    z.strictObject({ kind: z.literal('fail-percent'), percent: z.number().min(0).max(100), status: failureStatus }),
    z.strictObject({ kind: z.literal('after-deadline'), provider: providerProfileKey.optional(), delayMs: z.number().int().min(0).max(120_000).optional() }),
    z.strictObject({ kind: z.literal('wrong-ack'), body: z.string().max(65_536).optional(), status: failureStatus }),
  ])
  .nullable();

export const methodSchemas = {
  'endpoints.list': z.strictObject({}),
  'endpoints.create': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
    verification: verificationInput.optional(),
    publicUrl: publicUrl.optional(),
    forward: forwardInput.optional(),
    failureMode: failureModeInput.optional(),
    provider: providerProfileKey.nullable().optional(),
    handshakes: z.boolean().optional(),
    verifyToken: verifyToken.optional(),
    /** Team mode: share this endpoint's history with the team (default false). */
    shared: z.boolean().optional(),
  }),
  'endpoints.update': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
    /** null removes verification (and the stored secret). */
    verification: verificationInput.optional(),
    publicUrl: publicUrl.optional(),
    /** null stops forwarding; an object replaces the rule (fields left out take their defaults). */
    forward: forwardInput.optional(),
    /** null turns it off; setting one restarts its count ("fail the first N" counts from now). */
    failureMode: failureModeInput.optional(),
    provider: providerProfileKey.nullable().optional(),
    /** false: handshakes are stored and answered by the endpoint's rule like any delivery. */
    handshakes: z.boolean().optional(),
    /** Meta/WhatsApp's hub.verify_token; null: the endpoint's secret. */
    verifyToken: verifyToken.optional(),
    /** Team mode: start (true) or stop (false) sharing this endpoint's new deliveries with the team. */
    shared: z.boolean().optional(),
  }),
  /** Deadline against observed handling time; for Adobe, errors of the last 10 minutes against its block. */
  'endpoints.stats': z.strictObject({ slug }),
  /** Deliveries per time bucket with their status mix, for the endpoint's traffic chart. */
  'endpoints.traffic': z.strictObject({ slug, range: z.enum(trafficRanges).default('1h') }),
  /** The documents a delivery's payload pointed to (or that it was), archived on arrival. */
  'documents.list': z.strictObject({ id: deliveryId }),
  /** A document's bytes, base64 (the IPC path; HTTP also serves them raw at GET /api/documents/:id). */
  'documents.content': z.strictObject({ id: deliveryId }),
  /** A failed document's link fetched again with the current archive settings; answers the document, pending. */
  'documents.refetch': z.strictObject({ id: deliveryId }),
  /** Re-verify every delivery of an endpoint, e.g. after its secret changed. */
  'endpoints.verify': z.strictObject({ slug }),
  'endpoints.delete': z.strictObject({ slug }),
  'deliveries.list': z.strictObject({
    endpoint: slug.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** Keyset paging: only deliveries with an id below this one. */
    before: deliveryId.optional(),
    /** A search (grammar in contract/search.ts and docs/api.md); newest first like the plain list. */
    q: searchQuery.optional(),
  }),
  /** Which of these deliveries match a search: the live list asks this for arrivals while a query is shown. */
  'deliveries.matches': z.strictObject({
    q: searchQuery,
    endpoint: slug.optional(),
    ids: z.array(z.number().int().positive()).min(1).max(1000),
  }),
  /** Deletes every delivery received before this time ("delete older than…"). */
  'deliveries.prune': z.strictObject({ before: z.iso.datetime({ offset: true }) }),
  /** How big the store is, how many deliveries it holds, and how far indexing an older store has got. */
  'store.stats': z.strictObject({}),
  'deliveries.get': z.strictObject({ id: deliveryId }),
  /** The body with its Content-Encoding undone (gzip, deflate, br, zstd), bounded; `unprocessable` says why not. */
  'deliveries.decoded': z.strictObject({ id: deliveryId }),
  'deliveries.delete': z.strictObject({ id: deliveryId }),
  'deliveries.verify': z.strictObject({ id: deliveryId }),
  /** Amazon SNS: visit the SubscribeURL of this SubscriptionConfirmation (https, an sns.<region>.amazonaws.com host only). */
  'deliveries.confirm': z.strictObject({ id: deliveryId }),
  'deliveries.clear': z.strictObject({ endpoint: slug.optional() }),
  /** A selection (ids) or a whole endpoint as HAR 1.2 or JSON; signature headers and credentials masked unless redact is false. */
  'deliveries.export': z
    .strictObject({
      ids: idList.optional(),
      endpoint: slug.optional(),
      format: z.enum(['har', 'json']).default('har'),
      redact: z.boolean().default(true),
    })
    .refine((args) => (args.ids === undefined) !== (args.endpoint === undefined), 'give either ids or endpoint'),
  /** One delivery as a code snippet (httpsnippet) calling `target` (default: the forward target, else the capture URL). */
  'deliveries.snippet': z
    .strictObject({
      id: deliveryId,
      language: z.enum(Object.keys(snippetTargets) as [keyof typeof snippetTargets, ...Array<keyof typeof snippetTargets>]).default('shell'),
      client: z.string().max(40).optional(),
      target: targetUrl.optional(),
      redact: z
        .union([z.boolean(), z.enum(['true', 'false'])])
        .default(true)
        .transform((value) => value === true || value === 'true'),
    })
    .refine((args) => args.client === undefined || (snippetTargets[args.language] as readonly string[]).includes(args.client), {
      message: 'client: not one this language offers (see snippetTargets)',
      path: ['client'],
    }),
  /**
   * A delivery (`id`), a catalogue provider's sample (`provider`) or a trigger template rendered
   * fresh (`template`, with the edits trigger.send takes) as a test fixture: body.bin,
   * headers.json, README.md and Vitest/pytest files, signed with `secret` (a TEST secret; default a
   * test value in the scheme's form). The endpoint's own secret is never used, and refused if given.
   */
  'fixtures.export': z
    .strictObject({
      id: deliveryId.optional(),
      provider: providerProfileKey.optional(),
      template: triggerTemplateId.optional(),
      secret: z.string().min(1).max(4096).optional(),
      /** With `template`: replaces its body (the text edited in the Test event panel). */
      body: z.string().max(MAX_FIXTURE_TEXT_CHARS).optional(),
      /** With `template`: added or replacing same-named ones. */
      headers: z.array(headerPair).max(100).optional(),
      /** With `template`: `path=value` edits of its JSON body. */
      sets: z.array(z.string().max(4096)).max(100).optional(),
    })
    .refine((args) => [args.id, args.provider, args.template].filter((given) => given !== undefined).length === 1, 'give exactly one of id, provider or template')
    .refine((args) => args.template !== undefined || (args.body ?? args.headers ?? args.sets) === undefined, {
      message: 'body, headers and sets edit a template: give them with template',
      path: ['template'],
    }),
  /**
   * A HAR 1.2 file (or a Hookscope JSON export) already in memory, as a `document` or its `text`,
   * into an endpoint; the deliveries are marked imported. Files of any size stream through
   * `importUploadRoute` (HTTP) instead.
   */
  'deliveries.import': z
    .strictObject({
      endpoint: slug,
      document: z.record(z.string(), z.unknown()).optional(),
      text: z.string().max(MAX_IMPORT_TEXT_CHARS).optional(),
      importId: importId.optional(),
    })
    .refine((args) => (args.document === undefined) !== (args.text === undefined), { message: 'give either document or text', path: ['document'] }),
  /**
   * Replays a delivery and resolves with the stored attempt once the target answered, failed or
   * timed out. Edits (method, path, headers, body) are refused in `as-is` mode.
   */
  'replay.send': z
    .strictObject({
      id: deliveryId,
      /** Default: the endpoint's forward target. */
      target: targetUrl.optional(),
      mode: z.enum(replayModes).default('as-is'),
      method: httpMethod.optional(),
      /** Appended to the target instead of the captured path and query. */
      path: requestPath.optional(),
      /** Replaces the original headers (order kept; hop-by-hop, Host and Content-Length are still recomputed). */
      headers: z.array(headerPair).max(1000).optional(),
      /** The body bytes, base64. */
      body: base64.max(200 * 1024 * 1024).optional(),
      /** false: call the target exactly, without the captured path and query. */
      appendPath: z.boolean().default(true),
      timeoutMs: timeoutMs.default(30_000),
      /** Chosen by the caller to cancel the replay while it is in flight (replay.cancel). */
      requestId: requestId.optional(),
    })
    .refine(
      (args) => args.mode !== 'as-is' || (args.method ?? args.path ?? args.headers ?? args.body) === undefined,
      'edits (method, path, headers, body) need mode "edited", "resigned" or "bad-signature"',
    ),
  /** A delivery's attempts, newest first, without bodies. */
  'replay.list': z.strictObject({
    id: deliveryId,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    before: z.coerce.number().int().positive().optional(),
  }),
  /** One attempt with its request and response bodies. */
  'replay.get': z.strictObject({ id: z.coerce.number().int().positive() }),
  /** Stops a replay in flight; it is stored with error `cancelled`. */
  'replay.cancel': z.strictObject({ requestId }),
  /** Starts a bulk replay of a selection (or an endpoint), in received order; progress comes as `bulk.progressed`. */
  'bulk.start': z
    .strictObject({
      ids: idList.optional(),
      endpoint: slug.optional(),
      /** Default: each delivery's endpoint forward target. */
      target: targetUrl.optional(),
      mode: z.enum(['as-is', 'resigned', 'bad-signature']).default('as-is'),
      appendPath: z.boolean().default(true),
      concurrency: z.number().int().min(1).max(32).default(1),
      /** Requests started per second at most; null or absent = no limit. */
      ratePerSecond: z.number().min(0.01).max(1000).nullable().default(null),
      timeoutMs: timeoutMs.default(30_000),
    })
    .refine((args) => (args.ids === undefined) !== (args.endpoint === undefined), 'give either ids or endpoint'),
  'bulk.status': z.strictObject({ id: bulkId }),
  /** Stops a bulk job: nothing more is sent, attempts in flight are aborted. */
  'bulk.cancel': z.strictObject({ id: bulkId }),
  /** The trigger templates (`provider.event`), optionally one provider's. */
  'trigger.templates': z.strictObject({ provider: z.string().max(64).optional() }),
  /** A template rendered once with fresh ids and times, to read or edit before sending. */
  'trigger.preview': z.strictObject({ template: triggerTemplateId }),
  /**
   * Sends a template as its provider would (signature, deadline, required answer, retries on its
   * schedule divided by `speed`) and resolves with the run once it is judged. Signed with `secret`,
   * else with the endpoint's own secret when it verifies with the provider's scheme.
   */
  'trigger.send': z
    .strictObject({
      slug,
      template: triggerTemplateId,
      /** endpoint: this endpoint's capture URL; forward: its forward target; url: `url`. */
      target: z.enum(['endpoint', 'forward', 'url']).default('endpoint'),
      url: targetUrl.optional(),
      secret: z.string().min(1).max(4096).optional(),
      /** Replaces the template's body (the text edited in the panel). */
      body: z.string().max(10 * 1024 * 1024).optional(),
      /** Added or replacing same-named ones (e.g. an Adobe CALLBACK notifier's configured headers). */
      headers: z.array(headerPair).max(100).optional(),
      sets: z.array(z.string().max(4096)).max(100).optional(),
      contract: z.enum(['provider', 'none']).default('provider'),
      speed: z.number().min(1).max(10_000_000).default(1),
      /** At most this many retries (default: the provider's whole schedule). */
      retries: z.number().int().min(0).max(100).optional(),
    })
    .refine((args) => (args.target === 'url') === (args.url !== undefined), { message: 'give url exactly when target is "url"', path: ['url'] }),
  /** The endpoint's last trigger runs, newest first: those still sending, then the finished ones kept in the store (20). */
  'trigger.runs': z.strictObject({ slug, limit: z.coerce.number().int().min(1).max(20).default(20) }),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    retention: z
      .strictObject({ maxCount: positiveOrNull.optional(), maxAgeDays: positiveOrNull.optional() })
      .optional(),
    tunnel: z.strictObject({ host: tunnelHost.nullable().optional(), subdomain: subdomain.nullable().optional() }).optional(),
    publicUrl: publicUrl.optional(),
    archive: z
      .strictObject({
        enabled: z.boolean().optional(),
        maxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).optional(),
        timeoutMs: z.number().int().min(100).max(300_000).optional(),
        maxRedirects: z.number().int().min(0).max(20).optional(),
        allowLoopback: z.boolean().optional(),
      })
      .optional(),
  }),
  'tunnel.status': z.strictObject({}),
  /** Opens the public URL; arguments default to the tunnel settings. */
  'tunnel.start': z.strictObject({ host: tunnelHost.optional(), subdomain: subdomain.optional() }),
  'tunnel.stop': z.strictObject({}),
  'system.info': z.strictObject({}),
  /** Team mode: this node's link to the team's PostgreSQL (docs/team.md). */
  'team.status': z.strictObject({}),
} as const;

export type MethodName = keyof typeof methodSchemas;
/** What a caller passes (defaults may be left out). */
export type MethodArgs<M extends MethodName> = z.input<(typeof methodSchemas)[M]>;
/** What the implementation receives once the schema has run. */
export type ParsedArgs<M extends MethodName> = z.output<(typeof methodSchemas)[M]>;

export interface MethodResults {
  'endpoints.list': { endpoints: Endpoint[] };
  'endpoints.create': Endpoint;
  'endpoints.update': Endpoint;
  'endpoints.delete': { deleted: number };
  'endpoints.verify': { verified: number };
  'endpoints.stats': EndpointStats;
  'endpoints.traffic': EndpointTraffic;
  'documents.list': DocumentSummary[];
  'documents.content': { contentType: string | null; body: string; size: number; sha256: string | null };
  'documents.refetch': DocumentSummary;
  'deliveries.list': {
    deliveries: DeliverySummary[];
    nextBefore: number | null;
    /** First page only: the matches (capped at MATCH_COUNT_CAP with `q`) or, without `q`, the deliveries listed. */
    total: { count: number; capped: boolean } | null;
  };
  'deliveries.matches': { ids: number[] };
  'deliveries.prune': { deleted: number };
  'store.stats': StoreStats;
  'deliveries.get': Delivery;
  'deliveries.decoded': DecodedBody;
  'deliveries.delete': { deleted: number };
  'deliveries.verify': Verification;
  'deliveries.confirm': { handshake: HandshakeInfo; status: number };
  'deliveries.clear': { deleted: number };
  'deliveries.export': ExportResult;
  'deliveries.snippet': SnippetResult;
  'deliveries.import': ImportResult;
  'fixtures.export': FixtureResult;
  'replay.send': ReplayAttempt;
  'replay.list': { attempts: ReplayAttemptSummary[]; nextBefore: number | null };
  'replay.get': ReplayAttempt;
  'replay.cancel': { cancelled: boolean };
  'bulk.start': BulkJob;
  'bulk.status': BulkJob;
  'bulk.cancel': BulkJob;
  'trigger.templates': { templates: TriggerTemplateInfo[] };
  'trigger.preview': TriggerPreview;
  'trigger.send': TriggerRun;
  'trigger.runs': { runs: TriggerRun[] };
  'settings.get': Settings;
  'settings.update': Settings;
  'tunnel.status': TunnelStatus;
  'tunnel.start': TunnelStatus;
  'tunnel.stop': TunnelStatus;
  'system.info': SystemInfo;
  'team.status': TeamStatus;
}
export type MethodResult<M extends MethodName> = MethodResults[M];

/** The core implements this; `satisfies Api` keeps it complete. */
export type Api = { [M in MethodName]: (args: ParsedArgs<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_argument: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  store_unavailable: 503,
  internal: 500,
};

/** Thrown by the core, carried by every transport as `{error: {code, message}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methodSchemas, name);
}

/** Validate untrusted arguments for a method; throws ApiError('invalid_argument') with the first problem. */
export function parseArgs<M extends MethodName>(method: M, args: unknown): ParsedArgs<M> {
  const result = methodSchemas[method].safeParse(args ?? {});
  if (result.success) return result.data as ParsedArgs<M>;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ApiError('invalid_argument', `${method}: ${where}${issue?.message ?? 'invalid arguments'}`);
}
