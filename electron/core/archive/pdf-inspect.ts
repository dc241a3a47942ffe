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
/** How far the dictionary scan may look around a match. */
const MAX_DICT_CHARS = 64 * 1024;

/** The dictionary (`<< … >>`, nesting respected) that contains position `at`, or null. */
function enclosingDict(text: string, at: number): { start: number; end: number; dict: string } | null {
  let depth = 0;
  let start = -1;
  for (let i = at; i > 0 && at - i < MAX_DICT_CHARS; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      if (depth === 0) {
        start = i - 1;
        break;
      }
      depth--;
      i--;
    }
  }
  if (start < 0) return null;
  depth = 0;
  for (let j = start; j < text.length - 1 && j - start < MAX_DICT_CHARS; j++) {
    if (text[j] === '<' && text[j + 1] === '<') {
      depth++;
      j++;
    } else if (text[j] === '>' && text[j + 1] === '>') {
      depth--;
      j++;
      if (depth === 0) return { start, end: j + 1, dict: text.slice(start, j + 1) };
    }
  }
  return null;
}

/** The /Count of the page tree's root: a /Type /Pages dictionary without /Parent (the last such, after incremental updates). */
function rootCount(text: string): number | null {
  let count: number | null = null;
  for (const m of text.matchAll(/\/Type\s*\/Pages(?![A-Za-z])/g)) {
    const dict = enclosingDict(text, m.index)?.dict;
    if (!dict || /\/Parent(?![A-Za-z])/.test(dict)) continue;
    const c = /\/Count\s+(\d+)/.exec(dict);
    if (c?.[1]) count = Number(c[1]);
  }
  return count;
}

function pageObjects(text: string): number {
  return [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
}

/** The decoded contents of the file's compressed object streams (PDF 1.5+), where the page tree often hides. */
function objectStreams(text: string, bytes: Buffer): string {
  const out: string[] = [];
  let total = 0;
  for (const m of text.matchAll(/\/Type\s*\/ObjStm(?![A-Za-z])/g)) {
    const found = enclosingDict(text, m.index);
    if (!found || !/\/Filter\s*\/FlateDecode/.test(found.dict)) continue;
    const { dict, end } = found;
    const kw = /^\s*stream\r?\n/.exec(text.slice(end, end + 32));
    if (!kw) continue;
    const dataStart = end + kw[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const dataEnd = length?.[1] ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
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
 */
export function countPdfPages(bytes: Buffer): number | null {
  if (!isPdf(bytes)) return null;
  const text = bytes.toString('latin1');
  const direct = rootCount(text);
  if (direct !== null) return direct;
  const hidden = objectStreams(text, bytes);
  const fromStreams = rootCount(hidden);
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
