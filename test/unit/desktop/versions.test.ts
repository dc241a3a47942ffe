// better-sqlite3 13 ships N-API prebuilds built with NAPI_VERSION=10 (see its binding.gyp), and
// Node-API 10 exists from Node 22.14.0 on. The same binary loads in plain Node (serve, tests) and
// in Electron's bundled Node — so the Electron major we pin must bundle Node >= 22.14.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * Electron major → the lowest Node version any release of that line bundles. From Electron's
 * release notes and "Stack Changes" blog posts: 35 and 36 shipped Node 22.14.0, 37 22.16.0,
 * 38 22.18.0, 39 22.20.0; Electron 40 moved to Node 24 ("Node.js from v22.20.0 to v24.11.1"),
 * and the lines after it stayed on Node 24 (e.g. 43.1.0 "Updated Node.js to v24.18.0"). A stable
 * line only ever raises its Node (patch and minor bumps), so the first release is the floor.
 * When you move to an Electron major missing here, add it from its release notes.
 */
const ELECTRON_NODE_FLOOR: Record<number, string> = {
  35: '22.14.0',
  36: '22.14.0',
  37: '22.16.0',
  38: '22.18.0',
  39: '22.20.0',
  40: '24.11.1',
  41: '24.11.1',
  42: '24.11.1',
  43: '24.11.1',
  44: '24.11.1',
  45: '24.11.1',
};

const NAPI_10_SINCE = '22.14.0';

function parse(version: string): [number, number, number] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  assert.ok(match, `not a version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: string, floor: string): boolean {
  const [a, b, c] = parse(version);
  const [x, y, z] = parse(floor);
  return a !== x ? a > x : b !== y ? b > y : c >= z;
}

/** The major a range like "^45.4.1", "~45.4.1" or "45.4.1" allows (one major only). */
function pinnedMajor(range: string): number {
  const match = /^[\^~]?(\d+)\.\d+\.\d+$/.exec(range.trim());
  assert.ok(match, `electron must be pinned to one major ("^45.4.1", "~45.4.1" or exact), not "${range}"`);
  return Number(match[1]);
}

describe('Electron, Node and better-sqlite3 fit together', () => {
  it('pins an Electron major whose bundled Node has Node-API 10 (Node >= 22.14)', () => {
    const major = pinnedMajor(pkg.devDependencies.electron!);
    const floor = ELECTRON_NODE_FLOOR[major];
    assert.ok(floor, `Electron ${major} is not in the table: look up the Node version it bundles and add it`);
    assert.ok(atLeast(floor, NAPI_10_SINCE), `Electron ${major} bundles Node ${floor}, older than ${NAPI_10_SINCE}`);
  });

  it('installed the Electron major package.json asks for', () => {
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    assert.equal(parse(installed.version)[0], pinnedMajor(pkg.devDependencies.electron!));
  });

  it('requires Node >= 22.14 for serve and the tests', () => {
    const match = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node.trim());
    assert.ok(match, `engines.node should be ">=22.14" or higher, not "${pkg.engines.node}"`);
    const floor = match[1]!.split('.').length === 2 ? `${match[1]}.0` : match[1]!;
    assert.ok(atLeast(floor, NAPI_10_SINCE), `engines.node ${pkg.engines.node} allows Node without Node-API 10`);
  });

  it('uses better-sqlite3 13 (N-API prebuilds, no rebuild per Electron version)', () => {
    assert.match(pkg.dependencies['better-sqlite3']!, /^\^13\./);
    const gyp = readFileSync(join(root, 'node_modules', 'better-sqlite3', 'binding.gyp'), 'utf8');
    assert.match(gyp, /NAPI_VERSION=10\b/);
  });

  it('runs the tests on a Node that has Node-API 10', () => {
    assert.ok(atLeast(process.versions.node, NAPI_10_SINCE), `Node ${process.versions.node}`);
    assert.ok(Number(process.versions.napi) >= 10, `Node-API ${process.versions.napi}`);
  });
});
