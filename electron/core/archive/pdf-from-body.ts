// A PDF posted as the webhook body itself: `application/pdf`, or a part of a multipart body
// (`multipart/form-data` uploads, `multipart/mixed`). The multipart parser is minimal and works
// on bytes (never decodes a part as text), tolerates LF-only line ends, and is bounded in parts
// and nesting; anything it cannot read yields no document rather than an error.
import { isPdf } from './pdf-inspect.js';

export interface BodyPdf {
  bytes: Buffer;
  source: 'body' | 'multipart';
  /** The form field name (Content-Disposition name), for a multipart part. */
  field: string | null;
  filename: string | null;
  /** The type the sender declared for these bytes. */
  contentType: string | null;
}

const MAX_PARTS = 1000;
const MAX_NESTING = 3;

function mediaOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A parameter of a header value (`boundary=…`, `name="…"`), quoted or not. */
export function headerParam(value: string, name: string): string | null {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const m = re.exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? null);
}

function filenameOf(disposition: string): string | null {
  const extended = headerParam(disposition, 'filename\\*');
  if (extended) {
    const m = /^[^']*'[^']*'(.*)$/.exec(extended);
    try {
      return decodeURIComponent(m?.[1] ?? extended);
    } catch {
      return m?.[1] ?? extended;
    }
  }
  return headerParam(disposition, 'filename');
}

interface Part {
  headers: Map<string, string>;
  content: Buffer;
}

/** The parts of a multipart body, or [] when the boundary never appears. */
export function multipartParts(body: Buffer, boundary: string): Part[] {
  if (boundary === '' || boundary.length > 200) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos > 0 && body[pos - 1] !== 0x0a) pos = body.indexOf(delimiter, pos + 1);
  while (pos !== -1 && parts.length < MAX_PARTS) {
    let at = pos + delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break; // the close delimiter
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] === 0x0d) at++;
    if (body[at] !== 0x0a) break;
    at++;
    // The next delimiter line: CRLF or LF, then --boundary.
    let next = at;
    let end = -1;
    for (;;) {
      next = body.indexOf(delimiter, next);
      if (next === -1) break;
      if (body[next - 1] === 0x0a) {
        end = body[next - 2] === 0x0d ? next - 2 : next - 1;
        break;
      }
      next += 1;
    }
    if (next === -1) break; // an unterminated part is not trusted
    const raw = body.subarray(at, Math.max(at, end));
    parts.push(parsePart(raw));
    pos = next;
  }
  return parts;
}

function parsePart(raw: Buffer): Part {
  let headerEnd = raw.indexOf('\r\n\r\n');
  let sep = 4;
  const lf = raw.indexOf('\n\n');
  if (lf !== -1 && (headerEnd === -1 || lf < headerEnd)) {
    headerEnd = lf;
    sep = 2;
  }
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headers: new Map(), content: raw.subarray(2) };
  if (raw[0] === 0x0a) return { headers: new Map(), content: raw.subarray(1) };
  if (headerEnd === -1) return { headers: new Map(), content: Buffer.alloc(0) };
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, content: raw.subarray(headerEnd + sep) };
}

function collect(contentType: string | null, body: Buffer, depth: number, out: BodyPdf[]): void {
  const media = mediaOf(contentType);
  if (!media.startsWith('multipart/')) return;
  const boundary = headerParam(contentType ?? '', 'boundary');
  if (!boundary || depth > MAX_NESTING) return;
  for (const part of multipartParts(body, boundary)) {
    const type = part.headers.get('content-type') ?? null;
    if (mediaOf(type).startsWith('multipart/')) {
      collect(type, part.content, depth + 1, out);
      continue;
    }
    let content = part.content;
    if (part.headers.get('content-transfer-encoding')?.toLowerCase() === 'base64') content = Buffer.from(content.toString('latin1'), 'base64');
    if (!isPdf(content) || mediaOf(type).startsWith('text/')) continue;
    const disposition = part.headers.get('content-disposition') ?? '';
    out.push({ bytes: content, source: 'multipart', field: headerParam(disposition, 'name'), filename: filenameOf(disposition), contentType: type });
  }
}

/**
 * The PDFs a body carries itself: the whole body when it is a PDF (labelled application/pdf, or
 * unlabelled / octet-stream with the %PDF- signature), or each PDF part of a multipart body.
 * A body labelled application/pdf that is not one yields nothing.
 */
export function pdfFromBody(contentType: string | null, body: Buffer): BodyPdf[] {
  const media = mediaOf(contentType);
  if (['application/pdf', 'application/x-pdf', '', 'application/octet-stream', 'binary/octet-stream'].includes(media)) {
    return isPdf(body) ? [{ bytes: body, source: 'body', field: null, filename: null, contentType }] : [];
  }
  const out: BodyPdf[] = [];
  collect(contentType, body, 0, out);
  return out;
}
