// Import: a HAR 1.2 log (from Hookscope or any tool that writes one) or a Hookscope JSON export,
// into an endpoint. The file is untrusted input: its shape is checked with a schema, sizes are
// bounded, and nothing in it is run. Bodies come back byte-exact: HAR text as UTF-8, base64 where
// the file says so (`_encoding`/`encoding: "base64"` on postData, Hookscope's JSON always base64).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HeaderPair, SentResponse } from '../../contract/index.js';
import type { NewDelivery } from '../store/delivery-repository.js';

export const MAX_IMPORT_ENTRIES = 10_000;

const header = z.object({ name: z.string().max(64 * 1024), value: z.string().max(1024 * 1024) });
const harSchema = z.object({
  log: z.object({
    entries: z
      .array(
        z.object({
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
                params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
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
        }),
      )
      .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} entries per import`),
  }),
});

const pair = z.tuple([z.string(), z.string()]);
const jsonSchema = z.object({
  format: z.literal('hookscope.deliveries'),
  deliveries: z
    .array(
      z.object({
        receivedAt: z.string(),
        method: z.string().min(1).max(64),
        url: z.string().min(1).max(64 * 1024),
        httpVersion: z.string().max(32).default('1.1'),
        headers: z.array(pair).max(10_000),
        body: z.string(),
        contentType: z.string().nullable().optional(),
        response: z.object({ status: z.number().int(), headers: z.array(pair), body: z.string() }).optional(),
      }),
    )
    .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} deliveries per import`),
});

export class ImportError extends Error {
  override name = 'ImportError';
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`;
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

/** Parses a HAR log or a Hookscope JSON export into deliveries of `endpointId`; throws ImportError. */
export function parseImport(document: unknown, endpointId: number, now: number): NewDelivery[] {
  if (typeof document === 'object' && document !== null && (document as { format?: unknown }).format === 'hookscope.deliveries') {
    const parsed = jsonSchema.safeParse(document);
    if (!parsed.success) throw new ImportError(`not a valid Hookscope export: ${firstIssue(parsed.error)}`);
    return parsed.data.deliveries.map((d) =>
      record(endpointId, {
        receivedAt: timeOf(d.receivedAt, now),
        method: d.method,
        url: targetOf(d.url),
        httpVersion: d.httpVersion,
        headers: d.headers,
        body: Buffer.from(d.body, 'base64'),
        response: d.response ?? { status: 0, headers: [], body: '' },
      }),
    );
  }
  const parsed = harSchema.safeParse(document);
  if (!parsed.success) throw new ImportError(`not a valid HAR 1.2 log: ${firstIssue(parsed.error)}`);
  return parsed.data.log.entries.map((entry) => {
    const { request, response } = entry;
    const headers: HeaderPair[] = request.headers.map((h) => [h.name, h.value]);
    return record(endpointId, {
      receivedAt: timeOf(entry.startedDateTime, now),
      method: request.method,
      url: targetOf(request.url),
      httpVersion: httpVersionOf(request.httpVersion),
      headers,
      body: requestBody(request.postData),
      response: response
        ? { status: response.status, headers: response.headers.map((h): HeaderPair => [h.name, h.value]), body: responseText(response.content) }
        : { status: 0, headers: [], body: '' },
    });
  });
}

type PostData = z.infer<typeof harSchema>['log']['entries'][number]['request']['postData'];

function requestBody(postData: PostData): Buffer {
  if (!postData) return Buffer.alloc(0);
  if (postData.text !== undefined) {
    const base64 = postData._encoding === 'base64' || postData.encoding === 'base64';
    return Buffer.from(postData.text, base64 ? 'base64' : 'utf8');
  }
  // Browsers describe form posts by their parameters only: rebuild the urlencoded body.
  const params = new URLSearchParams((postData.params ?? []).map((p): [string, string] => [p.name, p.value ?? '']));
  return Buffer.from(params.toString(), 'utf8');
}

function responseText(content: { text?: string | undefined; encoding?: string | undefined } | undefined): string {
  if (!content?.text) return '';
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}
