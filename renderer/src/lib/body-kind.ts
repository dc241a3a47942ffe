// Which viewer fits a body: its declared Content-Type first, then a look at its first bytes (senders
// mislabel, and many send JSON as text/plain). Only a fixed list of image types is shown as an
// image (never SVG: it is a document, shown as XML text).

export type BodyKind = 'json' | 'form' | 'multipart' | 'xml' | 'image' | 'pdf' | 'text' | 'binary';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'] as const;

const MAGIC: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/bmp', [0x42, 0x4d]],
];

/** The media type without parameters, lowercased; null when absent. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** The charset parameter, when the sender named one. */
export function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** The image type the bytes really are (magic numbers), for the blob: URL. */
export function sniffImage(bytes: Uint8Array): string | null {
  for (const [type, magic] of MAGIC) if (magic.every((byte, i) => bytes[i] === byte)) return type;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 12) === 'ftypavif') return 'image/avif';
  return null;
}

function firstChar(bytes: Uint8Array): string {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i += 1;
  return i < bytes.length ? String.fromCharCode(bytes[i]!) : '';
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let controls = 0;
  for (const byte of head) if (byte === 0 || (byte < 0x09) || (byte > 0x0d && byte < 0x20)) controls += 1;
  return controls > head.length / 50;
}

export function bodyKind(contentType: string | null, bytes: Uint8Array): BodyKind {
  const type = mediaType(contentType) ?? '';
  if (/[/+]json$/.test(type) || type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type.startsWith('multipart/')) return 'multipart';
  if (type === 'text/html') return 'text';
  if (type === 'application/pdf' || String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'pdf';
  if ((IMAGE_TYPES as readonly string[]).includes(type) || sniffImage(bytes)) return sniffImage(bytes) ? 'image' : 'binary';
  if (/[/+]xml$/.test(type)) return 'xml';
  const first = firstChar(bytes);
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  if (looksBinary(bytes)) return 'binary';
  return 'text';
}
