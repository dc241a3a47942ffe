// The ONE contract between the core and every user interface. Each method is declared once:
// its argument schema (checked at every trust boundary: HTTP here, IPC later), its result type,
// and its HTTP binding. The HTTP routes, the IPC bridge and the renderer client are derived
// from this table, so adding a method is one entry here plus its implementation in core/api.ts.
import { z } from 'zod';
import type {
  Delivery,
  DeliverySummary,
  Endpoint,
  ErrorCode,
  Settings,
  SystemInfo,
  TunnelStatus,
  Verification,
} from './types.js';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a slug is 1-63 characters of a-z, 0-9, "-" and "_", starting with a letter or digit');
const deliveryId = z.coerce.number().int().positive();
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

export const verificationSchemes = [
  'auto',
  'hmac',
  'pdfgorilla',
  'goshiip',
  'stripe',
  'github',
  'standard-webhooks',
  'shopify',
  'slack',
  'twilio',
  'header',
  'basic',
] as const;

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
const positiveOrNull = z.number().int().positive().nullable();
const tunnelHost = z.string().max(2048).regex(/^https?:\/\/[^\s/]+\/?$/, 'a tunnel host is an http(s) origin, e.g. https://localtunnel.me');
const subdomain = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/, 'a subdomain is 4-63 lowercase letters, digits and inner hyphens');

export const methodSchemas = {
  'endpoints.list': z.strictObject({}),
  'endpoints.create': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
    verification: verificationInput.optional(),
    publicUrl: publicUrl.optional(),
  }),
  'endpoints.update': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
    /** null removes verification (and the stored secret). */
    verification: verificationInput.optional(),
    publicUrl: publicUrl.optional(),
  }),
  /** Re-verify every delivery of an endpoint, e.g. after its secret changed. */
  'endpoints.verify': z.strictObject({ slug }),
  'endpoints.delete': z.strictObject({ slug }),
  'deliveries.list': z.strictObject({
    endpoint: slug.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** Keyset paging: only deliveries with an id below this one. */
    before: deliveryId.optional(),
  }),
  'deliveries.get': z.strictObject({ id: deliveryId }),
  'deliveries.delete': z.strictObject({ id: deliveryId }),
  'deliveries.verify': z.strictObject({ id: deliveryId }),
  'deliveries.clear': z.strictObject({ endpoint: slug.optional() }),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    retention: z
      .strictObject({ maxCount: positiveOrNull.optional(), maxAgeDays: positiveOrNull.optional() })
      .optional(),
    tunnel: z.strictObject({ host: tunnelHost.nullable().optional(), subdomain: subdomain.nullable().optional() }).optional(),
    publicUrl: publicUrl.optional(),
  }),
  'tunnel.status': z.strictObject({}),
  /** Opens the public URL; arguments default to the tunnel settings. */
  'tunnel.start': z.strictObject({ host: tunnelHost.optional(), subdomain: subdomain.optional() }),
  'tunnel.stop': z.strictObject({}),
  'system.info': z.strictObject({}),
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
  'deliveries.list': { deliveries: DeliverySummary[]; nextBefore: number | null };
  'deliveries.get': Delivery;
  'deliveries.delete': { deleted: number };
  'deliveries.verify': Verification;
  'deliveries.clear': { deleted: number };
  'settings.get': Settings;
  'settings.update': Settings;
  'tunnel.status': TunnelStatus;
  'tunnel.start': TunnelStatus;
  'tunnel.stop': TunnelStatus;
  'system.info': SystemInfo;
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
