// Turning captured body bytes into something readable. Everything here returns plain strings or
// parsed values that React renders as text: a payload is never interpreted as markup.
import { measureJson, type JsonShape } from './json-limits.js';

/** Larger text is cut (with a note) so one huge delivery cannot freeze the inspector. */
export const TEXT_VIEW_LIMIT = 1024 * 1024;
/** JSON.parse plus a tree view of more than this gets slow; past it, download the raw body. */
export const JSON_VIEW_LIMIT = 10 * 1024 * 1024;
export const HEX_VIEW_LIMIT = 64 * 1024;

/** A decoder for the sender's charset (any label the Encoding standard knows), else UTF-8. */
export function textDecoderFor(charset: string | null): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8', { fatal: false });
  } catch {
    return new TextDecoder('utf-8', { fatal: false });
  }
}

/** Text in the sender's charset (UTF-8 by default), replacement characters for invalid bytes, at most `limit` bytes. */
export function decodeText(bytes: Uint8Array, limit = TEXT_VIEW_LIMIT, charset: string | null = null): { text: string; truncated: boolean } {
  const truncated = bytes.length > limit;
  // stream: true holds back a multi-byte character cut in half by the limit instead of showing U+FFFD.
  const text = textDecoderFor(charset).decode(truncated ? bytes.subarray(0, limit) : bytes, {
    stream: truncated,
  });
  return { text, truncated };
}

/** A parsed body with its measured shape (depth and size), so views can bound what they draw. */
export type JsonParse = { ok: true; value: unknown; shape: JsonShape } | { ok: false; message: string };

export function parseJson(bytes: Uint8Array): JsonParse {
  if (bytes.length > JSON_VIEW_LIMIT) return { ok: false, message: `the body is larger than ${JSON_VIEW_LIMIT / 1024 / 1024} MiB; download it instead` };
  try {
    // V8's JSON.parse is iterative: any depth parses. Measuring is iterative too (lib/json-limits.ts).
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes));
    return { ok: true, value, shape: measureJson(value) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function looksLikeJson(contentType: string | null): boolean {
  return contentType !== null && /\bjson\b|\+json\b/i.test(contentType);
}

/** A file name for "Download raw"; the extension comes from a fixed list, never from the payload. */
export function rawFileName(id: number, contentType: string | null): string {
  const type = (contentType ?? '').toLowerCase();
  const extension = looksLikeJson(type)
    ? 'json'
    : type.includes('xml')
      ? 'xml'
      : type.startsWith('text/') || type.includes('x-www-form-urlencoded')
        ? 'txt'
        : 'bin';
  return `delivery-${id}.${extension}`;
}
