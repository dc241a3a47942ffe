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
const positiveOrNull = z.number().int().positive().nullable();

export const methodSchemas = {
  'endpoints.list': z.strictObject({}),
  'endpoints.create': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
  }),
  'endpoints.update': z.strictObject({
    slug,
    name: z.string().max(200).optional(),
    response: responseRulePatch.optional(),
  }),
  'endpoints.delete': z.strictObject({ slug }),
  'deliveries.list': z.strictObject({
    endpoint: slug.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** Keyset paging: only deliveries with an id below this one. */
    before: deliveryId.optional(),
  }),
  'deliveries.get': z.strictObject({ id: deliveryId }),
  'deliveries.delete': z.strictObject({ id: deliveryId }),
  'deliveries.clear': z.strictObject({ endpoint: slug.optional() }),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    retention: z
      .strictObject({ maxCount: positiveOrNull.optional(), maxAgeDays: positiveOrNull.optional() })
      .optional(),
  }),
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
  'deliveries.list': { deliveries: DeliverySummary[]; nextBefore: number | null };
  'deliveries.get': Delivery;
  'deliveries.delete': { deleted: number };
  'deliveries.clear': { deleted: number };
  'settings.get': Settings;
  'settings.update': Settings;
  'system.info': SystemInfo;
}
export type MethodResult<M extends MethodName> = MethodResults[M];

/** The core implements this; `satisfies Api` keeps it complete. */
export type Api = { [M in MethodName]: (args: ParsedArgs<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Path parameters (`:name`) are merged into the arguments with the query and the JSON body. */
export const httpBindings: { [M in MethodName]: { verb: HttpVerb; path: string } } = {
  'endpoints.list': { verb: 'GET', path: '/api/endpoints' },
  'endpoints.create': { verb: 'POST', path: '/api/endpoints' },
  'endpoints.update': { verb: 'PATCH', path: '/api/endpoints/:slug' },
  'endpoints.delete': { verb: 'DELETE', path: '/api/endpoints/:slug' },
  'deliveries.list': { verb: 'GET', path: '/api/deliveries' },
  'deliveries.get': { verb: 'GET', path: '/api/deliveries/:id' },
  'deliveries.delete': { verb: 'DELETE', path: '/api/deliveries/:id' },
  'deliveries.clear': { verb: 'DELETE', path: '/api/deliveries' },
  'settings.get': { verb: 'GET', path: '/api/settings' },
  'settings.update': { verb: 'PATCH', path: '/api/settings' },
  'system.info': { verb: 'GET', path: '/api/info' },
};

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
