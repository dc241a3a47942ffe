// Bounds for showing parsed JSON that anyone on the internet could have sent. JSON.parse in V8 is
// iterative and copes with any depth, but JSON.stringify and a recursive tree of components do
// not: `[` × 10,000 is 20 KB and overflows the stack ("Maximum call stack size exceeded"), which
// used to blank the whole inspector. Everything here walks values with an explicit stack, so the
// depth of a payload never becomes the depth of a call stack.

/** Levels shown in the tree and in the pretty text; deeper containers become a marker. */
export const JSON_MAX_DEPTH = 100;
/** Children shown per array or object in the tree; the rest are counted in a marker. */
export const JSON_TREE_MAX_ITEMS = 1000;
/** Past this many values the tree opens only its top level. */
export const JSON_TREE_EAGER_NODES = 2000;

export const DEEPER_NOT_SHOWN = '… deeper levels not shown';

export interface JsonShape {
  /** Containers nested inside each other at the deepest point: 0 for a scalar, 1 for `[]`. */
  depth: number;
  /** Values in all (containers and scalars, the root included). */
  nodes: number;
}

type Container = unknown[] | Record<string, unknown>;

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** Depth and size of a parsed JSON value, without recursion. */
export function measureJson(value: unknown): JsonShape {
  let depth = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, above] = next;
    nodes += 1;
    if (!isContainer(item)) continue;
    const level = above + 1;
    if (level > depth) depth = level;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, level]);
  }
  return { depth, nodes };
}

/** An own, enumerable property even when the key is "__proto__" (JSON.parse makes it an own key). */
function put(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `value` with containers deeper than `maxDepth` replaced by DEEPER_NOT_SHOWN and, past
 * `maxItems` children, one marker counting the rest. Built without recursion.
 */
export function limitJson(value: unknown, maxDepth = JSON_MAX_DEPTH, maxItems = JSON_TREE_MAX_ITEMS): unknown {
  if (!isContainer(value)) return value;
  if (maxDepth < 1) return DEEPER_NOT_SHOWN;
  const shell = (from: Container): Container => (Array.isArray(from) ? [] : {});
  const root = shell(value);
  const stack: { from: Container; to: Container; depth: number }[] = [{ from: value, to: root, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { from, to, depth } = next;
    const entries: [string | number, unknown][] = Array.isArray(from) ? [...from.entries()] : Object.entries(from);
    entries.slice(0, maxItems).forEach(([key, child]) => {
      if (!isContainer(child)) return put(to, key, child);
      if (depth >= maxDepth) return put(to, key, DEEPER_NOT_SHOWN);
      const copy = shell(child);
      put(to, key, copy);
      stack.push({ from: child, to: copy, depth: depth + 1 });
    });
    const rest = entries.length - maxItems;
    if (rest > 0) {
      const marker = `… ${rest.toLocaleString('en-US')} more ${Array.isArray(from) ? 'items' : 'keys'} not shown`;
      if (Array.isArray(to)) to.push(marker);
      else put(to, '…', marker);
    }
  }
  return root;
}

/** Indented JSON text; past JSON_MAX_DEPTH levels, the deeper containers are shown as the marker. */
export function prettyJson(value: unknown, shape: JsonShape = measureJson(value)): { text: string; cut: boolean } {
  const cut = shape.depth > JSON_MAX_DEPTH;
  // Within the depth bound JSON.stringify is safe and exact; past it, it runs on a bounded copy.
  return { text: JSON.stringify(cut ? limitJson(value, JSON_MAX_DEPTH, Number.POSITIVE_INFINITY) : value, null, 2), cut };
}
