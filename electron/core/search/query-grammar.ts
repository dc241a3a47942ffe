// The search grammar (contract/search.ts lists it for the UI, docs/api.md documents it): a pure
// parser from the user's query to terms. The query comes from the API's caller, not from a
// sender, but it is still bounded (length, number of terms) and every error names what was wrong.
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, verificationStatuses, type VerificationStatus } from '../../contract/index.js';

export type SizeOp = '>' | '<' | '>=' | '<=';
export type Via = 'tunnel' | 'direct' | 'import';
export type DocumentState = 'archived' | 'failed' | 'pending';

export type TermKind =
  | { kind: 'text'; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'method'; method: string }
  | { kind: 'status'; status: number; class: boolean }
  | { kind: 'provider'; provider: string }
  | { kind: 'event'; event: string; prefix: boolean }
  | { kind: 'verified'; status: VerificationStatus }
  | { kind: 'endpoint'; slug: string }
  | { kind: 'header'; name: string; value: string | null; prefix: boolean }
  | { kind: 'size'; op: SizeOp; bytes: number }
  | { kind: 'after' | 'before'; at: number }
  | { kind: 'retry'; retry: boolean }
  | { kind: 'document'; state: DocumentState }
  | { kind: 'via'; via: Via };
export type Term = TermKind & { negated: boolean };

export class QuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

const FIELDS = ['method', 'status', 'provider', 'event', 'verified', 'endpoint', 'header', 'after', 'before', 'retry', 'document', 'via'] as const;
type Field = (typeof FIELDS)[number];
const isField = (name: string): name is Field => (FIELDS as readonly string[]).includes(name);

/** Splits the query into raw pieces: runs of non-space, with "…" kept whole (a quote may follow `field:`). */
function pieces(query: string): string[] {
  const out: string[] = [];
  const pattern = /\S*?"[^"]*"\S*|\S+/g;
  for (const match of query.matchAll(pattern)) out.push(match[0]);
  return out;
}

function unquote(value: string, what: string): { text: string; quoted: boolean; prefix: boolean } {
  let prefix = false;
  let raw = value;
  if (raw.endsWith('*')) {
    prefix = true;
    raw = raw.slice(0, -1);
  }
  if (raw.startsWith('"')) {
    if (raw.length < 2 || !raw.endsWith('"')) throw new QuerySyntaxError(`${what}: a quote is not closed`);
    raw = raw.slice(1, -1);
    if (raw.includes('"')) throw new QuerySyntaxError(`${what}: a quote inside a phrase`);
    return { text: raw, quoted: true, prefix };
  }
  if (raw.includes('"')) throw new QuerySyntaxError(`${what}: a stray quote`);
  if (raw.includes('*')) throw new QuerySyntaxError(`${what}: "*" only at the end of a word, for a prefix`);
  return { text: raw, quoted: false, prefix };
}

const SIZE = /^size(>=|<=|>|<)(\d+(?:\.\d+)?)(b|kb|kib|mb|mib)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 * 1024, mib: 1024 * 1024 };
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDate(value: string, field: string): number {
  if (!DATE.test(value)) throw new QuerySyntaxError(`${field}: "${value}" is not a date (2026-11-30) or ISO time (2026-11-30T12:00)`);
  // Dates and times without a zone are UTC, the same for every caller.
  const hasZone = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : hasZone ? value : `${value}Z`);
  if (Number.isNaN(at)) throw new QuerySyntaxError(`${field}: "${value}" is not a valid date`);
  return at;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  const lower = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) throw new QuerySyntaxError(`${field}: "${value}" is not one of ${allowed.join(', ')}`);
  return lower as T;
}

function fieldTerm(field: Field, rawValue: string): TermKind {
  const { text, prefix, quoted } = unquote(rawValue, field);
  if (text === '') throw new QuerySyntaxError(`${field}: a value is missing (${field}:VALUE)`);
  const noPrefix = () => {
    if (prefix) throw new QuerySyntaxError(`${field}: takes no "*" prefix`);
  };
  switch (field) {
    case 'method':
      noPrefix();
      if (!/^[!#$%&'+.^_`|~0-9A-Za-z-]{1,32}$/.test(text)) throw new QuerySyntaxError(`method: "${text}" is not an HTTP method`);
      return { kind: 'method', method: text.toUpperCase() };
    case 'status': {
      noPrefix();
      const match = /^([1-5])(?:xx|\d\d)$/i.exec(text);
      if (!match && text !== '0') throw new QuerySyntaxError(`status: "${text}" is not a status (500) or class (5xx)`);
      const isClass = /xx$/i.test(text);
      return { kind: 'status', status: isClass ? Number(match![1]) : Number(text), class: isClass };
    }
    case 'provider':
      noPrefix();
      return { kind: 'provider', provider: text.toLowerCase() };
    case 'event':
      if (text.endsWith('*')) throw new QuerySyntaxError('event: "*" only once, at the end');
      return { kind: 'event', event: text.toLowerCase(), prefix };
    case 'verified':
      noPrefix();
      return { kind: 'verified', status: oneOf(text, verificationStatuses, 'verified') };
    case 'endpoint':
      noPrefix();
      if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(text)) throw new QuerySyntaxError(`endpoint: "${text}" is not an endpoint slug`);
      return { kind: 'endpoint', slug: text };
    case 'header': {
      const eq = text.indexOf('=');
      const name = eq === -1 ? text : text.slice(0, eq);
      if (!/^[!#$%&'+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new QuerySyntaxError(`header: "${name}" is not a header name`);
      if (eq === -1) {
        if (prefix) throw new QuerySyntaxError('header: "*" is for a value prefix (header:NAME=VAL*)');
        return { kind: 'header', name: name.toLowerCase(), value: null, prefix: false };
      }
      const value = text.slice(eq + 1);
      if (value === '' && !quoted) throw new QuerySyntaxError('header: the value after "=" is missing');
      return { kind: 'header', name: name.toLowerCase(), value, prefix };
    }
    case 'after':
    case 'before':
      noPrefix();
      return { kind: field, at: parseDate(text, field) };
    case 'retry':
      noPrefix();
      return { kind: 'retry', retry: oneOf(text, ['yes', 'no'] as const, 'retry') === 'yes' };
    case 'document':
      noPrefix();
      return { kind: 'document', state: oneOf(text, ['archived', 'failed', 'pending'] as const, 'document') };
    case 'via':
      noPrefix();
      return { kind: 'via', via: oneOf(text, ['tunnel', 'direct', 'import'] as const, 'via') };
  }
}

function parsePiece(piece: string): Term {
  let negated = false;
  let body = piece;
  if (body.length > 1 && body.startsWith('-')) {
    negated = true;
    body = body.slice(1);
  }
  const size = SIZE.exec(body);
  if (size) {
    const bytes = Math.round(Number(size[2]) * UNITS[(size[3] ?? 'b').toLowerCase()]!);
    return { kind: 'size', op: size[1] as SizeOp, bytes, negated };
  }
  if (/^size[<>=]/i.test(body)) throw new QuerySyntaxError(`size: "${body}" is not a size (size>10kb, size<=500)`);
  const colon = body.indexOf(':');
  const name = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
  if (colon > 0 && /^[a-z]+$/.test(name) && !body.startsWith('//', colon + 1)) {
    if (!isField(name)) throw new QuerySyntaxError(`unknown field "${name}:" (fields: ${FIELDS.join(', ')}, size); quote it to search the text`);
    return { ...fieldTerm(name, body.slice(colon + 1)), negated };
  }
  const { text, quoted, prefix } = unquote(body, 'word');
  // The index keeps letters, digits, "_" and "-"; a term without any would match nothing, silently.
  if (!/[\p{L}\p{N}_-]/u.test(text)) throw new QuerySyntaxError(`"${body}" has no letter or digit to search for`);
  return { kind: 'text', text, phrase: quoted, prefix, negated };
}

/** Parses a query; an empty or blank query has no terms (everything matches). */
export function parseQuery(query: string): Term[] {
  if (query.length > MAX_QUERY_CHARS) throw new QuerySyntaxError(`the query is longer than ${MAX_QUERY_CHARS} characters`);
  const parts = pieces(query);
  if (parts.length > MAX_QUERY_TERMS) throw new QuerySyntaxError(`the query has more than ${MAX_QUERY_TERMS} terms`);
  return parts.map(parsePiece);
}
