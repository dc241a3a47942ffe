// JSON parsed from untrusted bytes can nest as deep as the body is long: JSON.parse copes (it is
// iterative in V8), but every recursive walk after it — JSON.stringify included — overflows the
// stack at a few thousand levels. Anything that walks a parsed body checks its depth here first,
// without recursing itself.

/** Deeper than any real webhook payload, shallow enough for every recursive walk we make. */
export const MAX_JSON_DEPTH = 256;

/** Whether `value` nests deeper than `maxDepth` objects/arrays. Iterative; stops at the first too-deep branch. */
export function nestsDeeperThan(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: at, depth } = stack.pop()!;
    if (typeof at !== 'object' || at === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(at) ? at : Object.values(at)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/** JSON.stringify for a value parsed from untrusted bytes: undefined when it nests too deep to walk. */
export function stringifyBounded(value: unknown, space?: number, maxDepth: number = MAX_JSON_DEPTH): string | undefined {
  if (nestsDeeperThan(value, maxDepth)) return undefined;
  return JSON.stringify(value, null, space);
}
