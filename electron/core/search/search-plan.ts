// From parsed terms to the pieces of one SQL query: an FTS5 MATCH expression over the index
// (words, phrases, prefixes, facts fixed at capture), facet tokens (facts that arrive or change
// later), and plain conditions on the delivery row (dates, exact sizes, header values). Pure, so
// the table test can read what each term becomes; the repository picks the driver and runs it.
import { factToken, isSignatureHeader } from './search-document.js';
import type { Term } from './query-grammar.js';

export interface Condition {
  sql: string;
  params: (string | number)[];
}

export interface FacetFilter {
  /** Exact tokens, or a prefix to expand to the tokens present (event:invoice.*). */
  token: string;
  prefix: boolean;
  negated: boolean;
}

export interface SearchPlan {
  /** FTS expressions every match must satisfy. */
  include: string[];
  /** FTS expressions no match may satisfy. */
  exclude: string[];
  facets: FacetFilter[];
  conditions: Condition[];
  /** Endpoint slugs named by `endpoint:` (resolved to ids by the repository). */
  endpoints: { slug: string; negated: boolean }[];
}

/** A string as an FTS5 string literal: the tokenizer splits it, adjacent tokens form a phrase. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const text = (value: string, prefix: boolean) => `t : ${ftsString(value)}${prefix ? '*' : ''}`;
const fact = (token: string) => `f : ${ftsString(token)}`;

/** Largest size class worth naming: 2^40 bytes. */
const MAX_SIZE_CLASS = 41;

function sizeClasses(op: string, bytes: number): number[] {
  const all = Array.from({ length: MAX_SIZE_CLASS + 1 }, (_, i) => i);
  // Class c holds sizes [2^(c-1), 2^c - 1] (class 0: empty).
  const low = (c: number) => (c === 0 ? 0 : 2 ** (c - 1));
  const high = (c: number) => (c === 0 ? 0 : 2 ** c - 1);
  switch (op) {
    case '>':
      return all.filter((c) => high(c) > bytes);
    case '>=':
      return all.filter((c) => high(c) >= bytes);
    case '<':
      return all.filter((c) => low(c) < bytes);
    default:
      return all.filter((c) => low(c) <= bytes);
  }
}

const SQL_OP: Record<string, string> = { '>': '>', '<': '<', '>=': '>=', '<=': '<=' };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function planSearch(terms: readonly Term[]): SearchPlan {
  const plan: SearchPlan = { include: [], exclude: [], facets: [], conditions: [], endpoints: [] };
  const fts = (expression: string, negated: boolean) => (negated ? plan.exclude : plan.include).push(expression);
  const facet = (token: string, negated: boolean, prefix = false) => plan.facets.push({ token, negated, prefix });
  const condition = (sql: string, params: (string | number)[], negated: boolean) =>
    plan.conditions.push({ sql: negated ? `NOT (${sql})` : sql, params });

  for (const term of terms) {
    const { negated } = term;
    switch (term.kind) {
      case 'text':
        fts(text(term.text, term.prefix), negated);
        break;
      case 'method':
        fts(fact(factToken('m', term.method)), negated);
        break;
      case 'via':
        fts(fact(`via_${term.via}`), negated);
        break;
      case 'status':
        facet(`status:${term.status}${term.class ? 'xx' : ''}`, negated);
        break;
      case 'provider':
        facet(`provider:${term.provider}`, negated);
        break;
      case 'event':
        facet(`event:${term.event}`, negated, term.prefix);
        break;
      case 'verified':
        facet(`verified:${term.status}`, negated);
        break;
      case 'retry':
        // retry:no is "not a retry", so one token serves both.
        facet('retry:yes', term.retry === negated);
        break;
      case 'document':
        facet(`document:${term.state}`, negated);
        break;
      case 'endpoint':
        plan.endpoints.push({ slug: term.slug, negated });
        break;
      case 'header': {
        const present = fact(factToken('h', term.name));
        if (term.value === null) {
          fts(present, negated);
          break;
        }
        // The index narrows (the name is present, the value's words are there); the row decides.
        if (!negated) {
          fts(present, false);
          // A signature's value is not in the index (search-document.ts): the row alone decides.
          if (!isSignatureHeader(term.name) && /[\p{L}\p{N}_-]/u.test(term.value)) fts(text(term.value, term.prefix), false);
        }
        const value = term.prefix ? `${escapeLike(term.value.toLowerCase())}%` : term.value.toLowerCase();
        condition(
          `EXISTS (SELECT 1 FROM json_each(d.raw_headers) h WHERE lower(h.value ->> 0) = ? AND lower(h.value ->> 1) ${term.prefix ? "LIKE ? ESCAPE '\\'" : '= ?'})`,
          [term.name, value],
          negated,
        );
        break;
      }
      case 'size': {
        if (!negated) fts(`f : (${sizeClasses(term.op, term.bytes).map((c) => `z_${c}`).join(' OR ')})`, false);
        condition(`d.body_size ${SQL_OP[term.op]} ?`, [term.bytes], negated);
        break;
      }
      case 'after':
        condition('d.received_at >= ?', [term.at], negated);
        break;
      case 'before':
        condition('d.received_at < ?', [term.at], negated);
        break;
    }
  }
  return plan;
}

/** One MATCH expression: every include, none of the excludes; null when nothing is included. */
export function matchExpression(include: readonly string[], exclude: readonly string[]): string | null {
  if (include.length === 0) return null;
  const all = include.map((e) => `(${e})`).join(' AND ');
  return exclude.length === 0 ? all : `(${all}) NOT (${exclude.map((e) => `(${e})`).join(' OR ')})`;
}
