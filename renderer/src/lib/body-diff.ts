// Two bodies compared line by line (jsdiff). JSON is compared by content: both sides parsed and
// written again with sorted keys and one indentation, so key order and formatting do not show as
// changes. Anything else is compared as text. Runs in the body Web Worker (two strangers' bodies,
// parsed and diffed); the page gets rows of plain text, drawn as text nodes.
import { diffLines } from 'diff';
import { JSON_MAX_DEPTH, measureJson } from './json-limits.js';
import { charsetOf, mediaType } from './body-kind.js';

/** Bodies larger than this are compared by bytes only (same or not), not line by line. */
export const DIFF_BODY_LIMIT = 2 * 1024 * 1024;
/** Unchanged lines kept around each change; longer unchanged runs are folded into one row. */
export const DIFF_CONTEXT = 3;
/** Rows sent to the page at most; past it the rest are counted in a note. */
export const DIFF_MAX_ROWS = 5000;
/** jsdiff gives up after this long (two large, very different bodies). */
const DIFF_TIMEOUT_MS = 3000;

export interface DiffSide {
  bytes: Uint8Array;
  contentType: string | null;
}

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged lines not shown. */
  | { kind: 'skip'; count: number };

export interface BodyDiff {
  /** json: both parsed and canonicalized; text: compared as text; bytes: compared as bytes only. */
  mode: 'json' | 'text' | 'bytes';
  identical: boolean;
  added: number;
  removed: number;
  rows: DiffRow[];
  /** What the reader should know about how the bodies were compared, or null. */
  note: string | null;
}

type Container = unknown[] | Record<string, unknown>;
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/**
 * A copy of a parsed JSON value with every object's keys in sorted order (UTF-16 code unit order;
 * JavaScript still lists integer-like keys first, the same way on both sides). Iterative, so a
 * deep value cannot overflow the stack; "__proto__" stays an ordinary key.
 */
export function sortKeys(value: unknown): unknown {
  if (!isContainer(value)) return value;
  const shell = (from: Container): Container => (Array.isArray(from) ? [] : {});
  const root = shell(value);
  const stack: { from: Container; to: Container }[] = [{ from: value, to: root }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { from, to } = next;
    const keys: (string | number)[] = Array.isArray(from) ? from.map((_, i) => i) : Object.keys(from).sort();
    for (const key of keys) {
      const child = (from as Record<string | number, unknown>)[key];
      const copy = isContainer(child) ? shell(child) : child;
      Object.defineProperty(to, key, { value: copy, enumerable: true, writable: true, configurable: true });
      if (isContainer(child)) stack.push({ from: child, to: copy as Container });
    }
  }
  return root;
}

/** Canonical JSON text (sorted keys, two-space indentation), or null if `text` is not JSON or too deep to write safely. */
export function canonicalJson(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // JSON.stringify recurses: past the viewers' depth bound the body is compared as text instead.
  if (measureJson(value).depth > JSON_MAX_DEPTH) return null;
  return JSON.stringify(sortKeys(value), null, 2);
}

function decode(side: DiffSide): string | null {
  try {
    return new TextDecoder(charsetOf(side.contentType) ?? 'utf-8', { fatal: true }).decode(side.bytes);
  } catch {
    return null;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

const jsonish = (side: DiffSide, text: string) => /json/.test(mediaType(side.contentType) ?? '') || /^\s*[[{]/.test(text.slice(0, 64));

export function diffBodies(left: DiffSide, right: DiffSide): BodyDiff {
  const identicalBytes = sameBytes(left.bytes, right.bytes);
  if (left.bytes.length > DIFF_BODY_LIMIT || right.bytes.length > DIFF_BODY_LIMIT) {
    const note = `Bodies over ${DIFF_BODY_LIMIT / 1024 / 1024} MiB are compared by bytes only: ${identicalBytes ? 'they are identical' : 'they differ'}.`;
    return { mode: 'bytes', identical: identicalBytes, added: 0, removed: 0, rows: [], note };
  }
  const leftText = decode(left);
  const rightText = decode(right);
  if (leftText === null || rightText === null) {
    const note = `Not text (binary, or not valid in its charset): compared by bytes only, ${identicalBytes ? 'identical' : 'they differ'}.`;
    return { mode: 'bytes', identical: identicalBytes, added: 0, removed: 0, rows: [], note };
  }
  const leftJson = jsonish(left, leftText) ? canonicalJson(leftText) : null;
  const rightJson = jsonish(right, rightText) ? canonicalJson(rightText) : null;
  const asJson = leftJson !== null && rightJson !== null;
  const diff = asJson ? lineDiff(leftJson, rightJson) : lineDiff(leftText, rightText);
  if (diff === null) {
    return { mode: asJson ? 'json' : 'text', identical: false, added: 0, removed: 0, rows: [], note: 'The bodies are too different to compare line by line.' };
  }
  let note: string | null = null;
  if (asJson && diff.identical && !identicalBytes) note = 'Same JSON content; the bytes differ only in formatting, key order or number spelling.';
  else if (!asJson && (leftJson !== null) !== (rightJson !== null)) note = 'Only one side is valid JSON: compared as text.';
  return { mode: asJson ? 'json' : 'text', ...diff, note: diff.note ?? note };
}

/** Splits a change's value into its lines (the last one without its line break). */
function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineDiff(a: string, b: string): Omit<BodyDiff, 'mode' | 'note'> & { note: string | null } | null {
  // A final line break on one side only would mark the whole last line as changed.
  const changes = diffLines(a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return null;
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  changes.forEach((change, index) => {
    const lines = linesOf(change.value);
    if (change.added || change.removed) {
      if (change.added) added += lines.length;
      else removed += lines.length;
      for (const text of lines) rows.push({ kind: change.added ? 'added' : 'removed', text });
      return;
    }
    rows.push(...foldUnchanged(lines, index > 0, index < changes.length - 1));
  });
  const identical = added === 0 && removed === 0;
  const cut = rows.length > DIFF_MAX_ROWS;
  return {
    identical,
    added,
    removed,
    rows: cut ? rows.slice(0, DIFF_MAX_ROWS) : rows,
    note: cut ? `Showing the first ${DIFF_MAX_ROWS.toLocaleString('en-US')} rows of the comparison.` : null,
  };
}

/** An unchanged run: context lines next to the changes around it, the middle folded. */
function foldUnchanged(lines: string[], changeBefore: boolean, changeAfter: boolean): DiffRow[] {
  const head = changeBefore ? DIFF_CONTEXT : 0;
  const tail = changeAfter ? DIFF_CONTEXT : 0;
  if (lines.length <= head + tail + 1) return lines.map((text) => ({ kind: 'same', text }));
  const rows: DiffRow[] = lines.slice(0, head).map((text) => ({ kind: 'same', text }));
  rows.push({ kind: 'skip', count: lines.length - head - tail });
  for (const text of lines.slice(lines.length - tail)) rows.push({ kind: 'same', text });
  return rows;
}
