// The comparison of two bodies and two header lists (renderer/src/lib/body-diff.ts, header-diff.ts):
// JSON compared by content (sorted keys, one indentation), text by line, large and binary bodies
// by bytes only, and headers in order with names compared case-insensitively.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, DIFF_BODY_LIMIT, diffBodies, sortKeys, type DiffRow } from '../../../renderer/src/lib/body-diff.js';
import { diffHeaders } from '../../../renderer/src/lib/header-diff.js';

const side = (text: string | Uint8Array, contentType: string | null = 'application/json') => ({
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
  contentType,
});
const changed = (rows: DiffRow[]) => rows.filter((row) => row.kind === 'added' || row.kind === 'removed').map((row) => `${row.kind === 'added' ? '+' : '-'}${'text' in row ? row.text : ''}`);

describe('canonical JSON', () => {
  it('sorts keys at every level, keeps array order, and indents the same way whatever the input did', () => {
    assert.equal(canonicalJson('{"b":1,"a":{"d":[3,1],"c":null}}'), canonicalJson('{ "a" : { "c" : null , "d" : [ 3 , 1 ] } , "b" : 1 }'));
    assert.equal(canonicalJson('{"b":1,"a":{"d":[3,1],"c":null}}'), '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}');
    assert.notEqual(canonicalJson('[1,2]'), canonicalJson('[2,1]'));
  });

  it('keeps "__proto__" as an ordinary key (no prototype is set)', () => {
    const sorted = sortKeys(JSON.parse('{"z":1,"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sorted), ['__proto__', 'z']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(sorted), Object.prototype);
  });

  it('sorts 100,000 levels without a stack overflow; text too deep to write is not canonicalized', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.doesNotThrow(() => sortKeys(JSON.parse(deep)));
    assert.equal(canonicalJson(deep), null);
    assert.equal(canonicalJson('{"a":'), null);
  });
});

describe('diffBodies', () => {
  it('a changed field in JSON is one line removed and one added; reordered keys are no change', () => {
    const diff = diffBodies(side('{"id":"evt_1","amount":100,"currency":"eur"}'), side('{"currency":"eur","id":"evt_1","amount":250}'));
    assert.equal(diff.mode, 'json');
    assert.equal(diff.identical, false);
    assert.deepEqual(changed(diff.rows), ['-  "amount": 100,', '+  "amount": 250,']);
  });

  it('the same JSON written differently is identical, with a note that the bytes differ', () => {
    const diff = diffBodies(side('{"a":1,"b":[1,2]}'), side('{\n  "b": [1, 2],\n  "a": 1\n}'));
    assert.equal(diff.identical, true);
    assert.match(diff.note ?? '', /formatting, key order/);
  });

  it('text (and JSON against non-JSON) is compared line by line as written', () => {
    const diff = diffBodies(side('a=1\nb=2\nc=3', 'text/plain'), side('a=1\nb=3\nc=3', 'text/plain'));
    assert.equal(diff.mode, 'text');
    assert.deepEqual(changed(diff.rows), ['-b=2', '+b=3']);
    const mixed = diffBodies(side('{"a":1}'), side('{"a":1', 'application/json'));
    assert.equal(mixed.mode, 'text');
    assert.match(mixed.note ?? '', /Only one side is valid JSON/);
  });

  it('folds long unchanged runs, keeping three lines of context around a change', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const other = lines.map((line, i) => (i === 20 ? 'changed' : line));
    const diff = diffBodies(side(lines.join('\n'), 'text/plain'), side(other.join('\n'), 'text/plain'));
    const kinds = diff.rows.map((row) => row.kind);
    assert.deepEqual(kinds, ['skip', 'same', 'same', 'same', 'removed', 'added', 'same', 'same', 'same', 'skip']);
    assert.deepEqual(diff.rows[0], { kind: 'skip', count: 17 });
  });

  it('bodies past the limit and binary bodies are compared by bytes only, and say so', () => {
    const big = new Uint8Array(DIFF_BODY_LIMIT + 1);
    const large = diffBodies(side(big), side(big.slice()));
    assert.equal(large.mode, 'bytes');
    assert.equal(large.identical, true);
    assert.match(large.note ?? '', /over 2 MiB/);
    const binary = diffBodies(side(new Uint8Array([0xff, 0xfe, 0x00]), null), side(new Uint8Array([0xff, 0x00]), null));
    assert.equal(binary.mode, 'bytes');
    assert.equal(binary.identical, false);
  });
});

describe('diffHeaders', () => {
  it('compares names case-insensitively and values exactly, in order', () => {
    const rows = diffHeaders(
      [['Content-Type', 'application/json'], ['X-Attempt', '1'], ['X-Id', 'a']],
      [['content-type', 'application/json'], ['X-Attempt', '2'], ['X-Id', 'a']],
    );
    assert.deepEqual(rows.map((row) => row.kind), ['same', 'removed', 'added', 'same']);
    const moved = diffHeaders([['A', '1'], ['B', '2']], [['B', '2'], ['A', '1']]);
    assert.ok(moved.some((row) => row.kind !== 'same'), 'a header that moved is a change');
  });
});
