// The house's rules, checked: each folder under electron/ is a room, and no two rooms import each
// other, directly or round a loop; the core never imports Electron; the hosts reach the core only
// through its public face (core/index.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../electron/', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../../renderer/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?tsx?$/.test(entry.name) ? [path] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

/** Rooms that depend on each other in a loop (strongly connected components of more than one). */
function roomLoops(base: string): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(base)) {
    for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
      const from = relative(base, dirname(file)) || '.';
      const to = relative(base, normalize(join(dirname(file), dirname(spec)))) || '.';
      if (to.startsWith('..')) continue; // outside this tree (the renderer's imports of the contract)
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const loop: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        loop.push(w);
      } while (w !== v);
      if (loop.length > 1) loops.push(loop.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return loops;
}

describe('architecture', () => {
  it('has no import loops between rooms', () => {
    assert.deepEqual(roomLoops(root), []);
  });

  it('has no import loops between the renderer\'s folders either', () => {
    assert.deepEqual(roomLoops(rendererRoot), []);
  });

  it('keeps Electron out of the core and the contract', () => {
    for (const file of [...sourceFiles(join(root, 'core')), ...sourceFiles(join(root, 'contract'))]) {
      assert.ok(!imports(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')), relative(root, file));
    }
  });

  it('lets the hosts use the core only through core/index.ts', () => {
    for (const file of [...sourceFiles(join(root, 'serve')), ...sourceFiles(join(root, 'main'))]) {
      const inside = imports(file).filter((spec) => spec.includes('/core/') && !spec.endsWith('/core/index.js'));
      assert.deepEqual(inside, [], relative(root, file));
    }
  });
});
