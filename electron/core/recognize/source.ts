// Interpreting the recognizer table's small vocabulary: sources (where a value comes from), value
// tests (body shapes) and matchers (status → outcome). Pure; the delivery is read once into a view.
import type { HeaderPair } from '../../contract/index.js';
import { findHeader } from '../verify/headers.js';
import { getPath, isRecord, parseJsonBody } from './json-body.js';
import { stringifyBounded } from '../untrusted/bounded-json.js';
import type { FieldValue, Matcher, MatchRule, RecognizeInput, Source, ValueTest } from './types.js';

/** A delivery read once: its headers, and its body parsed as JSON (undefined when it is not JSON). */
export interface DeliveryView {
  headers: HeaderPair[];
  json: unknown;
}

export function viewOf(input: RecognizeInput): DeliveryView {
  return { headers: input.headers as HeaderPair[], json: parseJsonBody(input.body, input.contentType) };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The raw value a source points at; undefined when absent. */
export function read(source: Source, view: DeliveryView): unknown {
  if ('header' in source) return findHeader(view.headers, source.header)?.value;
  if ('path' in source) return getPath(view.json, source.path);
  if ('value' in source) return source.value;
  if ('first' in source) {
    for (const s of source.first) {
      const v = read(s, view);
      if (present(v)) return v;
    }
    return undefined;
  }
  if ('join' in source) {
    const parts = source.join.map((s) => read(s, view)).filter(present).map((v) => String(toField(v)));
    return parts.length > 0 ? parts.join(source.separator) : undefined;
  }
  const v = read(source.map, view);
  if (!present(v)) return undefined;
  return Object.hasOwn(source.to, String(v)) ? source.to[String(v)] : v;
}

const MAX_FIELD_CHARS = 300;

/** A JSON-safe scalar for the fields map: objects and arrays become (truncated) JSON text. */
export function toField(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // A field may hold a whole subtree of an untrusted body: too deep to walk reads as absent.
  const text = stringifyBounded(value) ?? null;
  return text !== null && text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS - 1)}…` : text;
}

export function readField(source: Source | undefined, view: DeliveryView): FieldValue {
  if (!source) return null;
  const v = read(source, view);
  return present(v) ? toField(v) : null;
}

export function readString(source: Source | undefined, view: DeliveryView): string | null {
  const v = readField(source, view);
  return v === null ? null : String(v);
}

/** Lower case; `.`, `_`, `-`, `/` and whitespace runs become one space. */
export function normalize(value: unknown): string {
  return String(value)
    .toLowerCase()
    .replace(/[._\-/\s]+/g, ' ')
    .trim();
}

export function matches(matcher: Matcher | undefined, normalized: string): boolean {
  if (!matcher) return false;
  if (matcher instanceof RegExp) return matcher.test(normalized);
  return matcher.some((m) => normalize(m) === normalized);
}

function passes(test: ValueTest, value: unknown): boolean {
  if (test === 'present') return present(value);
  if (test === 'string') return typeof value === 'string' && value !== '';
  if (test === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (test === 'boolean') return typeof value === 'boolean';
  if (test === 'object') return isRecord(value);
  if (test instanceof RegExp) return typeof value === 'string' && test.test(value);
  return test.some((want) =>
    typeof want === 'string' && typeof value === 'string' ? want.toLowerCase() === value.toLowerCase() : want === value,
  );
}

export function ruleMatches(rule: MatchRule, view: DeliveryView): boolean {
  for (const name of rule.headers ?? []) if (!findHeader(view.headers, name)) return false;
  if (rule.body) {
    if (!isRecord(view.json)) return false;
    for (const [p, test] of Object.entries(rule.body)) if (!passes(test, getPath(view.json, p))) return false;
  }
  return (rule.headers?.length ?? 0) > 0 || rule.body !== undefined;
}
