// The JSON tree as a flat list of the rows that are open, for a virtualized view: only the rows on
// screen become DOM nodes, and the parsed value never leaves the Web Worker that parsed it (the
// worker answers "which rows are open now" and "copy this value"). Walks with an explicit stack,
// so a payload's depth never becomes a call stack's; bounded by json-limits (levels, children).
import { DEEPER_NOT_SHOWN, JSON_MAX_DEPTH, JSON_TREE_EAGER_NODES, JSON_TREE_MAX_ITEMS, limitJson, measureJson } from './json-limits.js';

export type Segment = string | number;

export type RowKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'more' | 'deeper';

export interface JsonRow {
  /** Identifies the row (and its open state): the JSON text of its path's segments. */
  id: string;
  path: Segment[];
  depth: number;
  /** The key in its parent (a property name or an index); null for the root and markers. */
  key: Segment | null;
  kind: RowKind;
  /** A scalar's JSON text (cut), a container's size, a marker's words. */
  preview: string;
  /** Children of a container. */
  size: number;
  open: boolean;
}

/** Longer strings are cut in the row; "copy value" gives all of it. */
const PREVIEW_CHARS = 300;

/** Keys that lead to what a webhook is about: Stripe's data.object, Paddle's data, GitHub-style payloads. */
const SPINE_KEYS = ['data', 'object', 'payload', 'event', 'resource', 'body', 'attributes', 'record'];

type Container = unknown[] | Record<string, unknown>;
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

export const rowId = (path: Segment[]): string => JSON.stringify(path);

function kindOf(value: unknown): RowKind {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value as 'string' | 'number' | 'boolean';
}

function previewOf(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > PREVIEW_CHARS ? value.slice(0, PREVIEW_CHARS) : value);
    return value.length > PREVIEW_CHARS ? `${quoted.slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)` : quoted;
  }
  return String(value);
}

/** Children of a container, the first `max` of them (Object.keys keeps JSON's order for non-index keys). */
function childrenOf(value: Container, max: number): { entries: [Segment, unknown][]; total: number } {
  if (Array.isArray(value)) return { entries: value.slice(0, max).map((child, index) => [index, child]), total: value.length };
  const keys = Object.keys(value);
  return { entries: keys.slice(0, max).map((key) => [key, value[key]]), total: keys.length };
}

/** The rows to draw when the containers whose ids are in `open` are expanded (the root row first). */
export function visibleRows(root: unknown, open: ReadonlySet<string>, maxItems = JSON_TREE_MAX_ITEMS, maxDepth = JSON_MAX_DEPTH): JsonRow[] {
  const rows: JsonRow[] = [];
  const stack: { value: unknown; path: Segment[]; depth: number }[] = [{ value: root, path: [], depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    const id = rowId(path);
    const key = path.length === 0 ? null : path[path.length - 1]!;
    if (value instanceof MoreMarker) {
      rows.push({ id, path, depth, key: null, kind: 'more', preview: value.text, size: 0, open: false });
      continue;
    }
    if (!isContainer(value)) {
      rows.push({ id, path, depth, key, kind: kindOf(value), preview: previewOf(value), size: 0, open: false });
      continue;
    }
    if (depth >= maxDepth) {
      rows.push({ id, path, depth, key, kind: 'deeper', preview: DEEPER_NOT_SHOWN, size: 0, open: false });
      continue;
    }
    const { entries, total } = childrenOf(value, maxItems);
    const isOpen = open.has(id);
    rows.push({ id, path, depth, key, kind: kindOf(value), preview: Array.isArray(value) ? `[${total}]` : `{${total}}`, size: total, open: isOpen });
    if (!isOpen) continue;
    if (total > entries.length) {
      const rest = total - entries.length;
      const marker = `… ${rest.toLocaleString('en-US')} more ${Array.isArray(value) ? 'items' : 'keys'} not shown`;
      stack.push({ value: new MoreMarker(marker), path: [...path, '…'], depth: depth + 1 });
    }
    for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]], depth: depth + 1 });
  }
  return rows;
}

/** A "more not shown" marker travels through the stack as a value of its own class. */
class MoreMarker {
  constructor(readonly text: string) {}
}

/** Which containers open first: the root; two levels of a small body; the spine down to what the event is about. */
export function defaultOpen(root: unknown, nodes = measureJson(root).nodes): Set<string> {
  const open = new Set<string>();
  if (!isContainer(root)) return open;
  open.add(rowId([]));
  if (nodes <= JSON_TREE_EAGER_NODES) {
    for (const [key, child] of childrenOf(root, JSON_TREE_MAX_ITEMS).entries) if (isContainer(child)) open.add(rowId([key]));
  }
  let at: Container = root;
  const path: Segment[] = [];
  for (let step = 0; step < 6 && !Array.isArray(at); step += 1) {
    const key = SPINE_KEYS.find((name) => Object.hasOwn(at, name) && isContainer((at as Record<string, unknown>)[name]));
    if (key === undefined) break;
    path.push(key);
    open.add(rowId(path));
    at = (at as Record<string, Container>)[key]!;
  }
  return open;
}

/** The value at `path`, or undefined when there is none. */
export function valueAt(root: unknown, path: Segment[]): unknown {
  let at: unknown = root;
  for (const segment of path) {
    if (!isContainer(at) || !Object.hasOwn(at, segment)) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}

/** "Copy value": a string as itself, anything else as JSON (indented; past JSON_MAX_DEPTH levels, bounded). */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isContainer(value)) return JSON.stringify(value);
  const { depth } = measureJson(value);
  return JSON.stringify(depth > JSON_MAX_DEPTH ? limitJson(value, JSON_MAX_DEPTH, Number.POSITIVE_INFINITY) : value, null, 2);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** "Copy path": as JavaScript would reach it, e.g. data.object.items[0]["x-id"]. */
export function pathText(path: Segment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
