// A multipart body (RFC 7578 / 2046) split into its parts for reading: each part's headers, size,
// and where its bytes are. One pass over the bytes looking for the boundary, bounded in parts and
// header size; a malformed body gives the parts found so far and says so. Runs in the body worker.

export interface MultipartPart {
  headers: [string, string][];
  /** From Content-Disposition. */
  name: string | null;
  filename: string | null;
  contentType: string | null;
  /** Where the part's body is in the multipart body. */
  start: number;
  end: number;
}

export interface MultipartParse {
  parts: MultipartPart[];
  /** Set when the body does not end as it should, or has more parts than are shown. */
  problem: string | null;
}

export const MAX_PARTS = 1000;
const MAX_PART_HEADER_BYTES = 16 * 1024;

/** The boundary parameter of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string | null): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]!) : null;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i !== -1 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j += 1;
    if (j === needle.length) return i;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

function parseHeaders(block: Uint8Array): [string, string][] {
  // Header values are usually ASCII; UTF-8 file names (RFC 7578 §5.1) read better as UTF-8.
  return utf8
    .decode(block)
    .split(/\r?\n/)
    .filter((line) => line.includes(':'))
    .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]);
}

function dispositionParam(disposition: string | undefined, param: string): string | null {
  if (!disposition) return null;
  const match = new RegExp(`;\\s*${param}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${param}=([^;\\s]+)`, 'i').exec(disposition);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export function parseMultipart(body: Uint8Array, boundary: string): MultipartParse {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = indexOfBytes(body, delimiter, 0);
  if (at === -1) return { parts, problem: `the boundary "${boundary}" does not occur in the body` };
  while (parts.length < MAX_PARTS) {
    let cursor = at + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return { parts, problem: null };
    // Transport padding, then CRLF (or a bare LF from a careless sender).
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor += 1;
    if (body[cursor] === 0x0d) cursor += 1;
    if (body[cursor] === 0x0a) cursor += 1;
    const next = indexOfBytes(body, delimiter, cursor);
    if (next === -1) return { parts, problem: 'the body ends without the closing boundary' };
    const region = body.subarray(cursor, next);
    // A part with no headers starts with the blank line itself.
    let split = region[0] === 0x0d && region[1] === 0x0a ? 0 : indexOfBytes(region, new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]), 0);
    let gap = split === 0 ? 2 : 4;
    if (split === -1 && region[0] === 0x0a) [split, gap] = [0, 1];
    if (split === -1) {
      split = indexOfBytes(region, new Uint8Array([0x0a, 0x0a]), 0);
      gap = 2;
    }
    if (split === -1 || split > MAX_PART_HEADER_BYTES) return { parts, problem: `part ${parts.length + 1} has no end to its headers` };
    const headers = parseHeaders(region.subarray(0, split));
    // The CRLF before the next delimiter belongs to the delimiter.
    let stop = next;
    if (body[stop - 1] === 0x0a) stop -= 1;
    if (body[stop - 1] === 0x0d) stop -= 1;
    const find = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1];
    const disposition = find('content-disposition');
    parts.push({
      headers,
      name: dispositionParam(disposition, 'name'),
      filename: dispositionParam(disposition, 'filename'),
      contentType: find('content-type') ?? null,
      start: Math.min(cursor + split + gap, stop),
      end: stop,
    });
    at = next;
  }
  return { parts, problem: `only the first ${MAX_PARTS} parts are shown` };
}

/** A preview of a part: text when it reads as text, else null (binary). */
export function partPreview(bytes: Uint8Array, maxBytes = 2048): string | null {
  const head = bytes.subarray(0, maxBytes);
  if (head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytes.length > maxBytes });
  } catch {
    return null;
  }
  const controls = text.match(/[\x00-\x08\x0e-\x1f]/g)?.length ?? 0;
  return controls > text.length / 20 ? null : text + (bytes.length > maxBytes ? '…' : '');
}
