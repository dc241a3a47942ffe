// The shapes a provider's recognition is written in. A recognizer is data: which headers or body
// shape name the sender, where its event, status and job id live, and how its status maps to an
// outcome. The engine (recognize/recognize.ts) interprets it; the catalogue (index.ts) holds it.
import type { Outcome } from '../../contract/index.js';

/**
 * Where a value comes from. `header` is case-insensitive (first occurrence); `path` is a dotted
 * path into the JSON body; `first` takes the first present value (null and "" count as absent);
 * `join` joins the present ones; `map` renames values (`true` → `succeeded`).
 */
export type Source =
  | { header: string }
  | { path: string }
  | { value: string }
  | { first: readonly Source[] }
  | { join: readonly Source[]; separator: string }
  | { map: Source; to: Readonly<Record<string, string>> };

/** A test on one body value. A list means "one of these values" (strings compared case-insensitively). */
export type ValueTest = 'string' | 'number' | 'boolean' | 'object' | 'present' | RegExp | ReadonlyArray<string | number | boolean>;

/** One way to recognise a sender: all these headers present and all these body paths passing their test. */
export interface MatchRule {
  headers?: readonly string[];
  body?: Readonly<Record<string, ValueTest>>;
}

/**
 * Values compared after normalisation (lower case; `.`, `_`, `-`, `/` and runs of spaces become
 * one space), so "In Progress", "in_progress" and "IN-PROGRESS" are one status. A RegExp is tested
 * against the normalised value.
 */
export type Matcher = readonly string[] | RegExp;

/** Checked in this order: failure, pending, success; then `otherwise`. */
export interface OutcomeRule {
  from: Source;
  failure?: Matcher;
  pending?: Matcher;
  success?: Matcher;
  otherwise: Outcome;
}

/** A body field that points at the produced document, and the provider's claims about it. */
export interface DocumentRule {
  url: string;
  size?: string;
  pages?: string;
  type?: string;
  expiresAt?: string;
}

export interface Recognizer {
  id: string;
  name: string;
  /** Any one rule matching is enough. Rules with headers are tried (across all recognizers) before body-only rules. */
  match: readonly MatchRule[];
  event: Source;
  status?: Source;
  jobId?: Source;
  outcome: OutcomeRule;
  /** Shown in the detail view; keys are the labels. */
  fields: Readonly<Record<string, Source>>;
  /**
   * Segments of the summary line after "name event", joined with " · ". `{key}` is a field key or
   * `status`, `jobId`, `event`; `{key|bytes}`, `{key|ms}`, `{key|pages}`, `{key|short}` format it.
   * A segment whose placeholders are all absent is dropped.
   */
  summary: readonly string[];
  /**
   * The provider's own event identity in the body, for duplicate grouping when no id header came
   * (a replay without headers, a sender that sends none). Keyed `${id}:${value}`.
   */
  dedupe?: Source;
  /**
   * Headers carrying the provider's event or delivery id, most specific first: a delivery with one
   * of them is grouped by it (namespace: this recognizer's id), whoever the recognizer is.
   */
  idHeaders?: readonly string[];
  documents?: readonly DocumentRule[];
  /** Also list other http(s) URL values as possible documents (default true; false for GitHub's hundreds of API URLs). */
  scanLinks?: boolean;
}
