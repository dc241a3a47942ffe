// Import: a HAR 1.2 log (from Hookscope or any tool that writes one) or a Hookscope JSON export,
// into an endpoint. The file is untrusted input: its shape is checked with a schema, sizes are
// bounded, and nothing in it is run. Bodies come back byte-exact: HAR text as UTF-8, base64 where
// the file says so (`_encoding`/`encoding: "base64"` on postData, Hookscope's JSON always base64).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HeaderPair, SentResponse } from '../../contract/index.js';
import type { NewDelivery } from '../store/delivery-repository.js';

/** Entries per import; they are stored in batches as they are read, so this bounds time, not memory. */
export const MAX_IMPORT_ENTRIES = 100_000;

const header = z.object({ name: z.string().max(64 * 1024), value: z.string().max(1024 * 1024) });
/** One HAR entry; the file is read entry by entry (import-reader.ts), so each is checked alone. */
const harEntrySchema = z.object({
  startedDateTime: z.string().optional(),
  request: z.object({
    method: z.string().min(1).max(64),
    url: z.string().min(1).max(64 * 1024),
    httpVersion: z.string().max(32).optional(),
    headers: z.array(header).max(10_000).default([]),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        _encoding: z.string().optional(),
        encoding: z.string().optional(),
        params: z.array(z.object({ name: z.string(), value: z.string().optional() })).max(100_000).optional(),
      })
      .optional(),
  }),
  response: z
    .object({
      status: z.number().int().min(0).max(999),
      headers: z.array(header).max(10_000).default([]),
      content: z.object({ text: z.string().optional(), encoding: z.string().optional() }).optional(),
    })
    .optional(),
});

const pair = z.tuple([z.string(), z.string()]);
/** One delivery of a Hookscope JSON export. */
const jsonDeliverySchema = z.object({
  receivedAt: z.string(),
  method: z.string().min(1).max(64),
  url: z.string().min(1).max(64 * 1024),
  httpVersion: z.string().max(32).default('1.1'),
  headers: z.array(pair).max(10_000),
  body: z.string(),
  contentType: z.string().nullable().optional(),
  response: z.object({ status: z.number().int(), headers: z.array(pair), body: z.string() }).optional(),
});

export class ImportError extends Error {
  override name = 'ImportError';
}

/** The raw request target (path and query) of an absolute or relative URL, not normalised. */
export function targetOf(url: string): string {
  const withoutFragment = url.split('#', 1)[0]!;
  const rest = withoutFragment.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '');
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** `HTTP/1.1` → `1.1`, `HTTP/2` and browsers' `h2` → `2.0`; anything else → `1.1`. */
function httpVersionOf(text: string | undefined): string {
  const match = /^(?:HTTP\/|h)?(\d)(?:\.(\d))?$/i.exec(text?.trim() ?? '');
  return match ? `${match[1]}.${match[2] ?? '0'}` : '1.1';
}

const contentTypeOf = (headers: HeaderPair[]) => headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;

function record(endpointId: number, fields: { receivedAt: number; method: string; url: string; httpVersion: string; headers: HeaderPair[]; body: Buffer; response: SentResponse }): NewDelivery {
  return {
    endpointId,
    receivedAt: fields.receivedAt,
    method: fields.method,
    url: fields.url,
    httpVersion: fields.httpVersion,
    rawHeaders: fields.headers,
    headersTruncated: false,
    body: fields.body,
    bodySha256: createHash('sha256').update(fields.body).digest('hex'),
    contentType: contentTypeOf(fields.headers),
    remoteAddress: null,
    viaTunnel: false,
    response: fields.response,
    rejected: null,
    imported: true,
  };
}

function timeOf(text: string | undefined, fallback: number): number {
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? fallback : ms;
}

/** The two kinds of file an import reads: a HAR log (`log.entries`) or a Hookscope JSON export (`deliveries`). */
export type ImportKind = 'har' | 'json';

export const KIND_LABEL: Record<ImportKind, string> = { har: 'not a valid HAR 1.2 log', json: 'not a valid Hookscope export' };
const ENTRY_PATH: Record<ImportKind, string> = { har: 'log.entries', json: 'deliveries' };

/** `not a valid HAR 1.2 log: log.entries.3.request.method: …`: the entry and the field, by path. */
function entryError(kind: ImportKind, index: number, field: string, message: string, request?: { method?: unknown; url?: unknown }): ImportError {
  const what = typeof request?.method === 'string' && typeof request.url === 'string' ? ` (entry ${index + 1}: ${request.method.slice(0, 16)} ${request.url.slice(0, 120)})` : ` (entry ${index + 1})`;
  return new ImportError(`${KIND_LABEL[kind]}: ${[ENTRY_PATH[kind], index, field].filter((part) => part !== '').join('.')}: ${message}${what}`);
}

// Standard base64 (RFC 4648 §4), padded or not; line breaks and spaces between groups are allowed
// (MIME writes them). Buffer.from(text, 'base64') would turn anything else into arbitrary bytes.
// One character-class scan rather than a grouped pattern: linear on a 100 MB body, no backtracking.
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;

/** Decodes strict base64; null when the text is not base64. */
export function strictBase64(text: string): Buffer | null {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  const unpadded = compact.endsWith('==') ? compact.slice(0, -2) : compact.endsWith('=') ? compact.slice(0, -1) : compact;
  if (!BASE64_ALPHABET.test(unpadded) || unpadded.length % 4 === 1) return null;
  if (unpadded.length !== compact.length && compact.length % 4 !== 0) return null;
  return Buffer.from(compact, 'base64');
}

/** One entry of a HAR log into a delivery of `endpointId`; throws ImportError naming the entry. */
export function deliveryFromHarEntry(value: unknown, index: number, endpointId: number, now: number): NewDelivery {
  const parsed = harEntrySchema.safeParse(value);
  const loose = (value as { request?: { method?: unknown; url?: unknown } } | null)?.request;
  if (!parsed.success) throw entryError('har', index, issuePath(parsed.error), issueMessage(parsed.error), loose);
  const { request, response } = parsed.data;
  const fail = (field: string, message: string) => entryError('har', index, field, message, request);
  return record(endpointId, {
    receivedAt: timeOf(parsed.data.startedDateTime, now),
    method: request.method,
    url: targetOf(request.url),
    httpVersion: httpVersionOf(request.httpVersion),
    headers: request.headers.map((h): HeaderPair => [h.name, h.value]),
    body: requestBody(request.postData, fail),
    response: response
      ? { status: response.status, headers: response.headers.map((h): HeaderPair => [h.name, h.value]), body: responseText(response.content, fail) }
      : { status: 0, headers: [], body: '' },
  });
}

/** One delivery of a Hookscope JSON export; throws ImportError naming it. */
export function deliveryFromJson(value: unknown, index: number, endpointId: number, now: number): NewDelivery {
  const parsed = jsonDeliverySchema.safeParse(value);
  if (!parsed.success) throw entryError('json', index, issuePath(parsed.error), issueMessage(parsed.error), value as { method?: unknown; url?: unknown });
  const d = parsed.data;
  const body = strictBase64(d.body);
  if (!body) throw entryError('json', index, 'body', 'not valid base64', d);
  return record(endpointId, {
    receivedAt: timeOf(d.receivedAt, now),
    method: d.method,
    url: targetOf(d.url),
    httpVersion: d.httpVersion,
    headers: d.headers,
    body,
    response: d.response ?? { status: 0, headers: [], body: '' },
  });
}

export const deliveryFrom: Record<ImportKind, typeof deliveryFromHarEntry> = { har: deliveryFromHarEntry, json: deliveryFromJson };

function issuePath(error: z.ZodError): string {
  return error.issues[0]?.path.join('.') ?? '';
}

function issueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid';
}

type PostData = z.infer<typeof harEntrySchema>['request']['postData'];
type Fail = (field: string, message: string) => ImportError;

function requestBody(postData: PostData, fail: Fail): Buffer {
  if (!postData) return Buffer.alloc(0);
  if (postData.text !== undefined) {
    if (postData._encoding !== 'base64' && postData.encoding !== 'base64') return Buffer.from(postData.text, 'utf8');
    const bytes = strictBase64(postData.text);
    if (!bytes) throw fail('request.postData.text', 'not valid base64, though its encoding says base64');
    return bytes;
  }
  // Browsers describe form posts by their parameters only: rebuild the urlencoded body.
  const params = new URLSearchParams((postData.params ?? []).map((p): [string, string] => [p.name, p.value ?? '']));
  return Buffer.from(params.toString(), 'utf8');
}

function responseText(content: { text?: string | undefined; encoding?: string | undefined } | undefined, fail: Fail): string {
  if (!content?.text) return '';
  if (content.encoding !== 'base64') return content.text;
  const bytes = strictBase64(content.text);
  if (!bytes) throw fail('response.content.text', 'not valid base64, though its encoding says base64');
  return bytes.toString('utf8');
}
