// The URLs in a payload that may point at a produced document, with what the provider claims
// about it (size, pages, type, expiry) so the archived file can be checked against the claims.
import { getPath, isRecord, parseJsonBody } from './json-body.js';
import { recognizerById } from './recognize.js';
import { recognizers as defaultRecognizers } from './recognizers.js';
import type { ProviderInfo, Recognizer } from './types.js';

export interface DocumentLink {
  /** As written in the payload (presigned URLs are kept byte for byte). */
  url: string;
  /** Dotted path of the field in the body. */
  field: string;
  /**
   * `known`: a field the provider documents as the file's link; `pdf-extension`: the URL's path
   * ends in .pdf; `url-field`: a field named like a link, a document only if it answers with a
   * PDF (fetch it with `accept: 'pdf'` and drop a `not_a_pdf` answer rather than show it).
   */
  reason: 'known' | 'pdf-extension' | 'url-field';
  claimedSize?: number;
  claimedPages?: number;
  claimedType?: string;
  expiresAt?: string;
}

/** A payload with more links than this is not a document notification; the rest are ignored. */
export const MAX_LINKS = 10;
const MAX_DEPTH = 12;
const MAX_NODES = 10_000;

/** Field-name words that suggest a link. Words come from camelCase, snake_case and kebab-case. */
const linkWords = new Set(['url', 'uri', 'href', 'link', 'pdf']);
/** Links back to the receiver or to people's pages, never documents. */
const skipWords = new Set(['webhook', 'callback', 'avatar', 'html', 'hosted', 'redirect', 'return', 'notify']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value) || value.length > 8192) return null;
  try {
    const url = new URL(value);
    // "https://..." (a documentation placeholder) parses, with the host "...": not a link.
    return /[a-z0-9]/i.test(url.hostname) && !url.hostname.startsWith('.') ? url : null;
  } catch {
    return null;
  }
}

export function documentLinks(
  provider: Pick<ProviderInfo, 'id'> | null,
  body: Buffer | string | unknown,
  table: readonly Recognizer[] = defaultRecognizers,
): DocumentLink[] {
  const json = Buffer.isBuffer(body) ? parseJsonBody(body, null) : typeof body === 'string' ? parseJsonBody(Buffer.from(body), null) : body;
  const rec = provider ? recognizerById(provider.id, table) : null;
  const links: DocumentLink[] = [];
  const seen = new Set<string>();
  const add = (link: DocumentLink): void => {
    if (links.length >= MAX_LINKS || seen.has(link.url)) return;
    seen.add(link.url);
    links.push(link);
  };

  for (const doc of rec?.documents ?? []) {
    const url = httpUrl(getPath(json, doc.url));
    if (!url) continue;
    const link: DocumentLink = { url: String(getPath(json, doc.url)), field: doc.url, reason: 'known' };
    const size = doc.size ? getPath(json, doc.size) : undefined;
    const pages = doc.pages ? getPath(json, doc.pages) : undefined;
    const type = doc.type ? getPath(json, doc.type) : undefined;
    const expiresAt = doc.expiresAt ? getPath(json, doc.expiresAt) : undefined;
    if (typeof size === 'number' && Number.isFinite(size)) link.claimedSize = size;
    if (typeof pages === 'number' && Number.isInteger(pages)) link.claimedPages = pages;
    if (typeof type === 'string') link.claimedType = type;
    if (typeof expiresAt === 'string') link.expiresAt = expiresAt;
    add(link);
  }
  if (rec?.scanLinks === false) return links;

  let nodes = 0;
  const walk = (value: unknown, path: string[], depth: number): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH || links.length >= MAX_LINKS) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, String(i)], depth + 1));
      return;
    }
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], depth + 1);
      return;
    }
    const url = httpUrl(value);
    if (!url) return;
    const keyWords = path.flatMap((p, i) => (i === path.length - 1 || !/^\d+$/.test(p) ? words(p) : []));
    const lastWords = words([...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '');
    if (lastWords.some((w) => skipWords.has(w)) || keyWords.some((w) => w === 'webhook' || w === 'callback')) return;
    if (url.pathname.toLowerCase().endsWith('.pdf')) add({ url: value as string, field: path.join('.'), reason: 'pdf-extension' });
    else if (lastWords.some((w) => linkWords.has(w) || w.endsWith('url') || w.endsWith('uri'))) {
      add({ url: value as string, field: path.join('.'), reason: 'url-field' });
    }
  };
  walk(json, [], 0);
  return links;
}
