// Reading a delivery's body as JSON, and values out of it by path, without trusting its shape.
// Recognition runs after the sender got its answer, but still on the core's event loop: bodies
// above a cap are not parsed, and property lookups never walk the prototype chain (a body with a
// "constructor" or "__proto__" key must not reach Object.prototype).

/** Bodies larger than this are not parsed for recognition (a 100 MB JSON would stall the loop). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;

/** Parses the body as JSON when it looks like JSON; undefined otherwise. Never throws. */
export function parseJsonBody(body: Buffer, contentType: string | null): unknown {
  if (body.length === 0 || body.length > MAX_JSON_BYTES) return undefined;
  const media = mediaTypeOf(contentType);
  const looksJson = media === null || media === 'application/json' || media.endsWith('+json') || media === 'text/plain';
  if (!looksJson && media !== 'application/octet-stream') return undefined;
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return media === '' ? null : media;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at a dot-separated path (`statusResponse.asset.downloadUri`, `items.0.id`), or
 * undefined. Keys are own properties only.
 */
export function getPath(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const key of path.split('.')) {
    if (Array.isArray(at)) {
      if (!/^\d+$/.test(key)) return undefined;
      at = at[Number(key)];
    } else if (isRecord(at)) {
      if (!Object.hasOwn(at, key)) return undefined;
      at = at[key];
    } else {
      return undefined;
    }
  }
  return at;
}
