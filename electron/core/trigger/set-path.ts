// `--set path=value`: one edit of a template's JSON body. The path is dot-separated with numeric
// array indices (`data.object.amount`, `items.0.id`); the value is read as JSON when it parses
// (numbers, true, null, objects) and as a string otherwise, so `--set status=failed` needs no quotes.

export class EditError extends Error {
  override name = 'EditError';
}

export interface Edit {
  path: string[];
  value: unknown;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses `path=value`; throws EditError with a message a user can act on. */
export function parseEdit(spec: string): Edit {
  const at = spec.indexOf('=');
  if (at <= 0) throw new EditError(`--set "${spec}": expected path=value, e.g. --set data.object.amount=5000`);
  const path = spec.slice(0, at).split('.');
  if (path.some((key) => key === '')) throw new EditError(`--set "${spec}": the path has an empty segment`);
  if (path.some((key) => FORBIDDEN.has(key))) throw new EditError(`--set "${spec}": "${path.find((key) => FORBIDDEN.has(key))}" cannot be set`);
  const raw = spec.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    // Not JSON: the text itself.
  }
  return { path, value };
}

/** A copy of `root` with the edit applied; missing objects along the path are created. */
export function applyEdit(root: unknown, edit: Edit): unknown {
  const [key, ...rest] = edit.path;
  if (key === undefined) return edit.value;
  const child = (container: unknown) => applyEdit(container, { path: rest, value: edit.value });
  if (Array.isArray(root)) {
    if (!/^\d+$/.test(key)) throw new EditError(`--set ${edit.path.join('.')}: "${key}" is not an index into an array`);
    const index = Number(key);
    if (index > root.length) throw new EditError(`--set ${edit.path.join('.')}: index ${index} is past the end of the array (length ${root.length})`);
    const copy = [...root];
    copy[index] = child(root[index]);
    return copy;
  }
  const base = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  if (root !== undefined && (typeof root !== 'object' || root === null)) {
    throw new EditError(`--set ${edit.path.join('.')}: "${key}" cannot be set inside ${JSON.stringify(root)}`);
  }
  return { ...base, [key]: child(Object.hasOwn(base, key) ? base[key] : undefined) };
}
