// Telling what a fetched file is, cheaply and without a PDF library: a real PDF (and its page
// count), a storage service's XML error served in its place (S3 AccessDenied / "Request has
// expired", GCS ExpiredToken, Azure AuthenticationFailed), an HTML page (a login or error page
// served with 200), or something else. Nothing here renders or executes anything.
import { inflateSync } from 'node:zlib';

/** PDF readers accept the header anywhere in the first 1024 bytes (junk before it happens). */
export function isPdf(bytes: Buffer): boolean {
  const at = bytes.subarray(0, 1024).indexOf('%PDF-');
  return at !== -1;
}

/** Compressed object streams inflated per file, in total: bounds a decompression bomb. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Dictionaries nested deeper than this are skipped (their keys are not read), never recursed into. */
const MAX_DICT_DEPTH = 64;

/** What the page count needs of one dictionary: the keys at its own level, not its nested dictionaries'. */
interface Dict {
  /** Offset just past its closing `>>`. */
  end: number;
  type: string | null;
  parent: boolean;
  count: number | null;
  flate: boolean;
  /** A direct /Length (an indirect `n 0 R` one is null). */
  length: number | null;
}

const dictToken = /<<|>>|\/(Type|Parent|Count|Filter|Length)(?![A-Za-z0-9#])\s*(\/[A-Za-z0-9]+|\d+(?:\s+\d+\s+R)?)?/g;

/**
 * Every typed dictionary in `text`, in one forward pass: a stack of open dictionaries, each token
 * credited to the innermost. Linear in the text whatever it holds (a file of nothing but
 * `/Type/Pages` once took seconds per megabyte with a backwards search per match).
 */
function typedDicts(text: string): Dict[] {
  const found: Dict[] = [];
  const open: Dict[] = [];
  let skipped = 0;
  for (const m of text.matchAll(dictToken)) {
    if (m[0] === '<<') {
      if (open.length < MAX_DICT_DEPTH) open.push({ end: -1, type: null, parent: false, count: null, flate: false, length: null });
      else skipped++;
      continue;
    }
    if (m[0] === '>>') {
      if (skipped > 0) skipped--;
      else {
        const dict = open.pop();
        if (dict?.type) found.push({ ...dict, end: m.index + 2 });
      }
      continue;
    }
    const dict = skipped > 0 ? undefined : open[open.length - 1];
    if (!dict) continue;
    const value = m[2] ?? '';
    if (m[1] === 'Type') dict.type = value.slice(1);
    else if (m[1] === 'Parent') dict.parent = true;
    else if (m[1] === 'Count' && /^\d+$/.test(value)) dict.count = Number(value);
    else if (m[1] === 'Filter') dict.flate = value === '/FlateDecode';
    else if (m[1] === 'Length' && /^\d+$/.test(value)) dict.length = Number(value);
  }
  return found;
}

/** The /Count of the page tree's root: a /Type /Pages dictionary without /Parent (the last such, after incremental updates). */
function rootCount(dicts: Dict[]): number | null {
  let count: number | null = null;
  for (const dict of dicts) if (dict.type === 'Pages' && !dict.parent && dict.count !== null) count = dict.count;
  return count;
}

function pageObjects(text: string): number {
  let pages = 0;
  for (const _ of text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)) pages++;
  return pages;
}

/** The decoded contents of the file's compressed object streams (PDF 1.5+), where the page tree often hides. */
function objectStreams(text: string, bytes: Buffer, dicts: Dict[]): string {
  const out: string[] = [];
  let total = 0;
  for (const dict of dicts) {
    if (dict.type !== 'ObjStm' || !dict.flate) continue;
    const kw = /^\s*stream\r?\n/.exec(text.slice(dict.end, dict.end + 32));
    if (!kw) continue;
    const dataStart = dict.end + kw[0].length;
    const dataEnd = dict.length !== null ? dataStart + dict.length : text.indexOf('endstream', dataStart);
    if (dataEnd <= dataStart || dataEnd > bytes.length) continue;
    try {
      const inflated = inflateSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: MAX_INFLATED_BYTES - total });
      total += inflated.length;
      out.push(inflated.toString('latin1'));
    } catch {
      // A damaged or oversized stream: count what can be counted without it.
    }
    if (total >= MAX_INFLATED_BYTES) break;
  }
  return out.join('\n');
}

/**
 * The page count, read the cheap way: the /Count of the page tree's root (/Type /Pages without
 * /Parent), looked for in the file and then in its compressed object streams; failing that, the
 * number of /Type /Page dictionaries. Null when the file shows neither (encrypted object streams,
 * a damaged file). A renderer (pdf.js) would be exact; this is for checking a provider's claim.
 * The count is what the file declares: a hostile one may declare a million pages in 1 KB.
 */
export function countPdfPages(bytes: Buffer): number | null {
  if (!isPdf(bytes)) return null;
  const text = bytes.toString('latin1');
  const dicts = typedDicts(text);
  const direct = rootCount(dicts);
  if (direct !== null) return direct;
  const hidden = objectStreams(text, bytes, dicts);
  const fromStreams = rootCount(typedDicts(hidden));
  if (fromStreams !== null) return fromStreams;
  const pages = pageObjects(text) + pageObjects(hidden);
  return pages > 0 ? pages : null;
}

export interface StorageError {
  /** The service's error code, e.g. AccessDenied, NoSuchKey, ExpiredToken. */
  code: string;
  message: string;
  /** What it means for the archive. */
  kind: 'expired' | 'access_denied' | 'not_found' | 'storage_error';
}

const XML_SNIFF_BYTES = 64 * 1024;
/** S3's codes, and the GCS / Azure ones that mean the same for a presigned link. */
const expiredCodes = new Set(['ExpiredToken', 'TokenRefreshRequired']);
const deniedCodes = new Set([
  'AccessDenied',
  'AllAccessDisabled',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AuthorizationQueryParametersError',
  'AuthenticationFailed',
  'AuthorizationPermissionMismatch',
]);
const notFoundCodes = new Set(['NoSuchKey', 'NoSuchBucket', 'BlobNotFound', 'ResourceNotFound']);

/** An S3-style XML error document (<Error><Code>…</Code><Message>…</Message></Error>), or null. */
export function storageError(bytes: Buffer): StorageError | null {
  const text = bytes.subarray(0, XML_SNIFF_BYTES).toString('utf8');
  const error = /<Error>([\s\S]*?)<\/Error>/.exec(text)?.[1];
  if (error === undefined) return null;
  const code = /<Code>([^<]*)<\/Code>/.exec(error)?.[1]?.trim();
  if (!code) return null;
  const message = decodeXml(/<Message>([^<]*)<\/Message>/.exec(error)?.[1]?.trim() ?? '');
  const details = /<Details>([^<]*)<\/Details>/.exec(error)?.[1] ?? '';
  let kind: StorageError['kind'];
  if (expiredCodes.has(code) || /expired/i.test(message) || /expired/i.test(details)) kind = 'expired';
  else if (deniedCodes.has(code)) kind = 'access_denied';
  else if (notFoundCodes.has(code)) kind = 'not_found';
  else kind = 'storage_error';
  return { code, message, kind };
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** HTML, by media type or by its first markup (servers label error pages application/octet-stream too). */
export function isHtml(contentType: string | null, bytes: Buffer): boolean {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (media === 'text/html' || media === 'application/xhtml+xml') return true;
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype html|html|head|body|meta|title)[\s>]/.test(head);
}

const SNIPPET_CHARS = 300;

/** A short readable excerpt for a failure: an HTML page's title and text, or printable text. */
export function snippetOf(bytes: Buffer, html: boolean): string | null {
  const raw = bytes.subarray(0, 64 * 1024).toString('utf8');
  let text: string;
  if (html) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(raw)?.[1]?.trim();
    const body = raw
      .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ');
    text = [title ? `${title} —` : '', decodeXml(body)].join(' ');
  } else {
    // Only text is worth quoting: more than a few control bytes means binary.
    const controls = raw.slice(0, 512).replace(/[\t\n\r]/g, '').match(/[\u0000-\u001f\ufffd]/g)?.length ?? 0;
    if (controls > 8) return null;
    text = raw;
  }
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > SNIPPET_CHARS ? `${clean.slice(0, SNIPPET_CHARS - 1)}…` : clean;
}
