// Threat model (SSRF). This fetches URLs found in webhook payloads, and a payload is written by
// whoever can reach the capture endpoint — through the public tunnel, anyone on the internet. So
// a URL is an attacker's request to make this machine fetch something on its behalf:
//  - Internal targets: the URL, any redirect it leads to, or a DNS name may point at loopback, the
//    LAN, or the cloud metadata service (169.254.169.254). Every hop is parsed, its host resolved,
//    and every address checked (address-guard.ts) BEFORE a connection is made; the request then
//    connects to the checked address only (a custom `lookup` pins it), so a DNS answer that
//    changes between check and connect (rebinding) cannot redirect it, and the socket's remote
//    address is checked again once connected. Loopback is allowed only by setting (tests).
//  - Cost: a cap on bytes enforced while streaming (and on Content-Length up front, and after
//    decompression), one deadline for the whole fetch including DNS and redirects, a redirect
//    limit, no https → http downgrade, no keep-alive agent, no cookies or credentials sent.
//  - Content: the bytes are stored and hashed, never executed or rendered here; the classification
//    (PDF, storage XML error, HTML page) reads a bounded prefix.
// What comes back is data: a failure is a result with a code and a reason, never a throw.
import { createHash } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { parseV6, refusedClass, type AddressPolicy } from './address-guard.js';
import { countPdfPages, isHtml, isPdf, snippetOf, storageError } from './pdf-inspect.js';

export type ArchiveErrorCode =
  | 'bad_url'
  | 'unsupported_protocol'
  | 'blocked_address'
  | 'dns_failed'
  | 'too_many_redirects'
  | 'insecure_redirect'
  | 'timeout'
  | 'too_large'
  | 'network_error'
  | 'http_error'
  | 'access_denied'
  | 'expired'
  | 'not_found'
  | 'storage_error'
  | 'not_a_pdf'
  | 'empty'
  /** The fetched file could not be read within the analysis budget. */
  | 'unreadable';

export interface ArchiveError {
  code: ArchiveErrorCode;
  message: string;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** The storage service's own error code (AccessDenied, NoSuchKey, ExpiredToken…). */
  storageCode?: string;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS as the fetcher needs it: every address of a name. Injected in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchDocumentOptions extends AddressPolicy {
  maxBytes: number;
  /** One deadline for everything: DNS, connects, redirects, the body. */
  timeoutMs: number;
  maxRedirects: number;
  lookup?: Resolver;
  now?: () => number;
  /** `pdf` (default): anything but a PDF fails with not_a_pdf. `any`: other files are archived too. */
  accept?: 'pdf' | 'any';
  /** Called just before each connection with the address about to be connected (logs, tests). */
  beforeConnect?: (hop: { url: string; address: string }) => void;
  userAgent?: string;
  /** Where the fetched bytes are read; default here (the core passes its analysis pool). */
  classify?: DocumentClassifier;
  /** Extra certificate authorities to trust for https (tests: a loopback server with its own certificate). */
  ca?: string;
}

interface Common {
  /** The URL of the last request made (after redirects). */
  finalUrl: string;
  /** Each redirect's target, in order. */
  redirects: string[];
  fetchedAt: number;
  durationMs: number;
}

export type FetchDocumentResult =
  | (Common & {
      state: 'archived';
      bytes: Buffer;
      contentType: string | null;
      sha256: string;
      size: number;
      /** Page count for a PDF (see countPdfPages), null when unknown or not a PDF. */
      pages: number | null;
      status: number;
      remoteAddress: string;
    })
  | (Common & {
      state: 'failed';
      error: ArchiveError;
      contentType?: string | null;
      /** A readable excerpt of what came back instead of the document. */
      snippet?: string;
    });

/** Limits for documents fetched on arrival. Provider links expire in minutes, so the fetch runs at once. */
export const defaultArchiveLimits = { maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5 } as const;

/** Error bodies are read this far, to classify them (S3 XML, HTML), never further. */
const ERROR_BODY_BYTES = 64 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class FetchFailure extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    readonly extra: { status?: number; contentType?: string | null; snippet?: string } = {},
  ) {
    super(message);
  }
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function checkUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchFailure('bad_url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure('unsupported_protocol', `${url.protocol} URLs are not fetched, only http and https`);
  }
  if (url.username || url.password) throw new FetchFailure('bad_url', 'URLs with credentials are not fetched');
  if (!url.hostname) throw new FetchFailure('bad_url', 'the URL has no host');
  return url;
}

/** How a refusal can be lifted, in words: only loopback has a setting (Archive settings, `archive.allowLoopback`). */
function lift(refused: string): string {
  return refused === 'loopback' ? ' (loopback can be allowed: "Allow loopback addresses" in the archive settings, or settings.update {archive: {allowLoopback: true}})' : '';
}

/** The one address this hop will connect to, checked; or a failure without any connection made. */
async function pinAddress(url: URL, resolver: Resolver, policy: AddressPolicy): Promise<ResolvedAddress> {
  const host = bareHost(url.hostname);
  const family = isIP(host);
  if (family !== 0) {
    const refused = refusedClass(host, policy);
    if (refused) throw new FetchFailure('blocked_address', `${host} is a ${refused} address; documents are only fetched from public addresses${lift(refused)}`);
    return { address: host, family: family === 6 ? 6 : 4 };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(host);
  } catch (e) {
    throw new FetchFailure('dns_failed', `${host} did not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (addresses.length === 0) throw new FetchFailure('dns_failed', `${host} has no address`);
  // Every address must be acceptable: a name that also points inside is refused outright.
  for (const a of addresses) {
    const refused = refusedClass(a.address, policy);
    if (refused) throw new FetchFailure('blocked_address', `${host} resolves to ${a.address}, a ${refused} address${lift(refused)}`);
  }
  return addresses[0] as ResolvedAddress;
}

/** A `lookup` that answers every query with the pinned address: the request cannot connect elsewhere. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

function sameAddress(a: string, b: string): boolean {
  const bytes = (s: string) => (isIP(s) === 4 ? parseV6(`::ffff:${s}`) : parseV6(s));
  const x = bytes(a);
  const y = bytes(b);
  return x !== null && y !== null && Buffer.from(x).equals(Buffer.from(y));
}

function open(
  url: URL,
  pinned: ResolvedAddress,
  policy: AddressPolicy,
  headers: OutgoingHttpHeaders,
  ca?: string,
): { req: ClientRequest; response: Promise<IncomingMessage> } {
  const https = url.protocol === 'https:';
  const host = bareHost(url.hostname);
  const req = (https ? httpsRequest : httpRequest)({
    host,
    port: url.port || (https ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers,
    agent: false,
    lookup: pinnedLookup(pinned),
    ...(https && isIP(host) === 0 ? { servername: host } : {}),
    ...(https && ca ? { ca } : {}),
  });
  req.on('socket', (socket) => {
    socket.once('connect', () => {
      const remote = socket.remoteAddress ?? '';
      if (!sameAddress(remote, pinned.address) || refusedClass(remote, policy) !== null) {
        req.destroy(new FetchFailure('blocked_address', `connected to ${remote || 'an unknown address'}, not the checked ${pinned.address}`));
      }
    });
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  req.end();
  return { req, response };
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

/** The body, up to `cap` bytes (raw and decoded). Past it: truncated (error bodies) or too_large. */
async function readBody(res: IncomingMessage, cap: number, truncate: boolean): Promise<Buffer> {
  const decoder = decoderFor(res.headers['content-encoding']);
  let raw = 0;
  let source: Readable = res;
  if (decoder) {
    res.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > cap && !truncate) res.destroy(new FetchFailure('too_large', `the file is larger than ${cap} bytes`));
    });
    source = pipeline(res, decoder, () => {}) as unknown as Readable;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      if (!truncate) {
        res.destroy();
        throw new FetchFailure('too_large', `the file is larger than ${cap} bytes`, { contentType: res.headers['content-type'] ?? null });
      }
      chunks.push(chunk.subarray(0, chunk.length - (size - cap)));
      res.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** What the fetched bytes are: plain data, so it can be worked out on an analysis thread. */
export type DocumentVerdict =
  | { ok: true; pages: number | null }
  | { ok: false; code: ArchiveErrorCode; message: string; extra: { status?: number; contentType?: string | null; snippet?: string } };

/** Works out a DocumentVerdict; the core runs classifyDocument in the analysis pool. */
export type DocumentClassifier = (status: number, contentType: string | null, bytes: Buffer, accept: 'pdf' | 'any') => Promise<DocumentVerdict>;

function failed(code: ArchiveErrorCode, message: string, extra: { status?: number; contentType?: string | null; snippet?: string }): DocumentVerdict {
  return { ok: false, code, message, extra };
}

/** Reads the fetched bytes (PDF page tree, storage XML, HTML): untrusted, so the core calls it off the capture thread. */
export function classifyDocument(status: number, contentType: string | null, bytes: Buffer, accept: 'pdf' | 'any'): DocumentVerdict {
  const s3 = storageError(bytes);
  if (status < 200 || status >= 300) {
    if (s3) {
      const code: ArchiveErrorCode = s3.kind === 'storage_error' ? 'storage_error' : s3.kind;
      return failed(code, `${s3.code}: ${s3.message || 'no message'} (HTTP ${status})`, { status, contentType });
    }
    const snippet = snippetOf(bytes, isHtml(contentType, bytes)) ?? undefined;
    return failed('http_error', `the server answered HTTP ${status}`, { status, contentType, ...(snippet ? { snippet } : {}) });
  }
  if (bytes.length === 0) return failed('empty', 'the server answered with an empty body', { status, contentType });
  if (isPdf(bytes)) return { ok: true, pages: countPdfPages(bytes) };
  if (s3) {
    const code: ArchiveErrorCode = s3.kind === 'storage_error' ? 'storage_error' : s3.kind;
    return failed(code, `${s3.code}: ${s3.message || 'no message'} (served with HTTP ${status})`, { status, contentType });
  }
  const html = isHtml(contentType, bytes);
  if (html || accept === 'pdf') {
    const snippet = snippetOf(bytes, html) ?? undefined;
    const what = html ? 'an HTML page' : `${contentType ?? 'an unlabelled file'}`;
    const extra = { status, contentType, ...(snippet ? { snippet } : {}) };
    return failed('not_a_pdf', `the link served ${what} with HTTP ${status}, not a PDF`, extra);
  }
  return { ok: true, pages: null };
}

const classifyHere: DocumentClassifier = async (status, contentType, bytes, accept) => classifyDocument(status, contentType, bytes, accept);

export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchDocumentResult> {
  const now = options.now ?? Date.now;
  const resolver = options.lookup ?? systemResolver;
  const policy: AddressPolicy = { allowLoopback: options.allowLoopback };
  const fetchedAt = now();
  const redirects: string[] = [];
  let current = url;
  let active: ClientRequest | null = null;

  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => {
      const failure = new FetchFailure('timeout', `no complete answer within ${options.timeoutMs} ms`);
      active?.destroy(failure);
      reject(failure);
    });
  });
  timedOut.catch(() => {});
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, timedOut]);
  const headers: OutgoingHttpHeaders = {
    'User-Agent': options.userAgent ?? 'Hookscope document archiver',
    Accept: 'application/pdf, */*;q=0.5',
    'Accept-Encoding': 'identity',
  };

  try {
    for (;;) {
      const target = checkUrl(current);
      const pinned = await race(pinAddress(target, resolver, policy));
      options.beforeConnect?.({ url: target.href, address: pinned.address });
      const { req, response } = open(target, pinned, policy, headers, options.ca);
      active = req;
      const res = await race(response);
      const status = res.statusCode ?? 0;
      const contentType = res.headers['content-type'] ?? null;

      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        if (redirects.length >= options.maxRedirects) {
          throw new FetchFailure('too_many_redirects', `more than ${options.maxRedirects} redirects`, { status });
        }
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          throw new FetchFailure('bad_url', `the redirect target ${JSON.stringify(location.slice(0, 200))} is not a valid URL`, { status });
        }
        if (target.protocol === 'https:' && next.protocol === 'http:') {
          throw new FetchFailure('insecure_redirect', 'an https link redirected to plain http', { status });
        }
        redirects.push(next.href);
        current = next.href;
        continue;
      }

      const success = status >= 200 && status < 300;
      const declared = Number(res.headers['content-length']);
      if (success && Number.isFinite(declared) && declared > options.maxBytes) {
        res.destroy();
        throw new FetchFailure('too_large', `the file is ${declared} bytes, over the ${options.maxBytes}-byte cap`, { status, contentType });
      }
      const bytes = await race(readBody(res, success ? options.maxBytes : ERROR_BODY_BYTES, !success));
      const verdict = await race((options.classify ?? classifyHere)(status, contentType, bytes, options.accept ?? 'pdf'));
      if (!verdict.ok) throw new FetchFailure(verdict.code, verdict.message, verdict.extra);
      return {
        state: 'archived',
        bytes,
        contentType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        pages: verdict.pages,
        status,
        remoteAddress: pinned.address,
        finalUrl: target.href,
        redirects,
        fetchedAt,
        durationMs: now() - fetchedAt,
      };
    }
  } catch (e) {
    const failure =
      controller.signal.aborted && !(e instanceof FetchFailure && e.code !== 'timeout')
        ? new FetchFailure('timeout', `no complete answer within ${options.timeoutMs} ms`)
        : e instanceof FetchFailure
          ? e
          : new FetchFailure('network_error', describeNetworkError(e));
    const { status, contentType, snippet } = failure.extra;
    return {
      state: 'failed',
      error: { code: failure.code, message: failure.message, ...(status !== undefined ? { status } : {}), ...storageCodeOf(failure) },
      ...(contentType !== undefined ? { contentType } : {}),
      ...(snippet !== undefined ? { snippet } : {}),
      finalUrl: current,
      redirects,
      fetchedAt,
      durationMs: now() - fetchedAt,
    };
  } finally {
    clearTimeout(timer);
    active?.destroy();
  }
}

function storageCodeOf(failure: FetchFailure): { storageCode?: string } {
  if (!['access_denied', 'expired', 'not_found', 'storage_error'].includes(failure.code)) return {};
  const code = /^([A-Za-z]+):/.exec(failure.message)?.[1];
  return code ? { storageCode: code } : {};
}

function describeNetworkError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED') return 'the connection was refused';
  if (err?.code === 'ECONNRESET') return 'the connection was reset';
  return err?.message ? `${err.code ? `${err.code}: ` : ''}${err.message}` : String(e);
}
