// What the search index holds for one delivery: the text a free word is matched against (column
// t: path, query, headers, body) and the facts fixed at capture (column f: method, endpoint, how it
// came, header names, size class) as tokens no body word can forge, since column filters keep the
// two apart. Runs inside the commit's transaction on the capture thread, so it only copies bytes:
// a UTF-8 check and a cut, no parse of the body (SQLite's unicode61 tokenizer reads the text,
// linearly, bounded by MAX_BODY_TEXT_BYTES).
import { isUtf8 } from 'node:buffer';
import type { HeaderPair } from '../../contract/index.js';

/** The first bytes of a text body that are indexed; past this a body is found by its start only. */
export const MAX_BODY_TEXT_BYTES = 256 * 1024;

export interface IndexedDelivery {
  endpointId: number;
  method: string;
  url: string;
  headers: readonly HeaderPair[];
  body: Buffer;
  viaTunnel: boolean;
  imported: boolean;
}

export interface SearchDocument {
  t: string;
  f: string;
}

/** A token of the f column: lower case, only the characters the tokenizer keeps together. */
export function factToken(prefix: string, value: string): string {
  return `${prefix}_${value.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
}

/** Power-of-two size classes: `size>10kb` becomes an OR of the classes that can hold such a body, then an exact check. */
export function sizeClass(bytes: number): number {
  return bytes <= 0 ? 0 : Math.floor(Math.log2(bytes)) + 1;
}

export function viaOf(d: { viaTunnel: boolean; imported: boolean }): 'tunnel' | 'import' | 'direct' {
  return d.imported ? 'import' : d.viaTunnel ? 'tunnel' : 'direct';
}

/** The body as text, or '' when it is not UTF-8 (binary, compressed): those are found by headers and facts. */
export function bodyText(body: Buffer): string {
  if (body.length === 0) return '';
  let end = Math.min(body.length, MAX_BODY_TEXT_BYTES);
  // Cut on a character boundary: back off over continuation bytes (10xxxxxx).
  if (end < body.length) while (end > 0 && (body[end]! & 0xc0) === 0x80) end--;
  const head = body.subarray(0, end);
  return isUtf8(head) && !head.includes(0) ? head.toString('utf8') : '';
}

/**
 * A header whose value is a signature (an HMAC, a signed token: Stripe-Signature, X-Hub-Signature-256,
 * X-Shopify-Hmac-Sha256, webhook-signature, …): a high-entropy string unique to each delivery that
 * nobody types. Its value is left out of the free text: on signed traffic such values were ~30 % of
 * the index and ~1.7 µs of each delivery's indexing (docs/benchmarks.md). The name stays a fact and
 * a word, and `header:NAME=VALUE` still finds a value, from the row (search-plan.ts).
 */
export function isSignatureHeader(name: string): boolean {
  return /signature|hmac/i.test(name);
}

function decodedQuery(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return '';
  try {
    const decoded = decodeURIComponent(url.slice(q + 1).replace(/\+/g, ' '));
    return decoded === url.slice(q + 1) ? '' : decoded;
  } catch {
    return '';
  }
}

export function searchDocument(d: IndexedDelivery): SearchDocument {
  const lines = [d.url, decodedQuery(d.url)];
  const facts = [factToken('m', d.method), `ep_${d.endpointId}`, `via_${viaOf(d)}`, `z_${sizeClass(d.body.length)}`];
  const names = new Set<string>();
  for (const [name, value] of d.headers) {
    lines.push(isSignatureHeader(name) ? `${name}:` : `${name}: ${value}`);
    names.add(factToken('h', name));
  }
  facts.push(...names);
  lines.push(bodyText(d.body));
  return { t: lines.join('\n'), f: facts.join(' ') };
}
