// The renderer's bounds on untrusted JSON (renderer/src/lib/json-limits.ts, json-check.ts): depth
// measured and copies made without recursion, so a payload's nesting never becomes call-stack depth.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJson, CHECK_MAX_DEPTH } from '../../../renderer/src/lib/json-check.js';
import { DEEPER_NOT_SHOWN, JSON_MAX_DEPTH, limitJson, measureJson, prettyJson } from '../../../renderer/src/lib/json-limits.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Depth of a value by walking its first children (the shapes here are chains). */
function chainDepth(value: unknown): number {
  let depth = 0;
  for (let v = value; Array.isArray(v); v = v[0]) depth += 1;
  return depth;
}

describe('json-limits', () => {
  it('measures 100,000 levels without a stack overflow (JSON.stringify of the same throws)', () => {
    const value: unknown = JSON.parse(nested(100_000));
    assert.throws(() => JSON.stringify(value), RangeError);
    assert.deepEqual(measureJson(value), { depth: 100_000, nodes: 100_000 });
    assert.deepEqual(measureJson(7), { depth: 0, nodes: 1 });
    assert.deepEqual(measureJson({ a: [1, { b: null }] }), { depth: 3, nodes: 5 });
  });

  it('copies a deep value down to the bound, with a marker where the rest was', () => {
    const limited = limitJson(JSON.parse(nested(10_000)));
    assert.equal(chainDepth(limited), JSON_MAX_DEPTH);
    let innermost: unknown = limited;
    for (let i = 0; i < JSON_MAX_DEPTH; i++) innermost = (innermost as unknown[])[0];
    assert.equal(innermost, DEEPER_NOT_SHOWN);
  });

  it('pretty-prints a deep value from the bounded copy, a shallow one exactly', () => {
    const deep = prettyJson(JSON.parse(nested(10_000)));
    assert.equal(deep.cut, true);
    assert.ok(deep.text.includes(DEEPER_NOT_SHOWN));
    const shallow = { id: 'evt_1', data: { object: { amount: 42, tags: ['a', 'b'] } } };
    assert.deepEqual(prettyJson(shallow), { text: JSON.stringify(shallow, null, 2), cut: false });
  });

  it('shows at most maxItems children and counts the rest', () => {
    const limited = limitJson(Array.from({ length: 1500 }, (_, i) => i), 100, 1000) as unknown[];
    assert.equal(limited.length, 1001);
    assert.equal(limited[999], 999);
    assert.equal(limited[1000], '… 500 more items not shown');
    const keys = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
    assert.deepEqual(limitJson(keys, 100, 3), { k0: 0, k1: 1, k2: 2, '…': '… 2 more keys not shown' });
  });

  it('keeps a "__proto__" key as data and never as a prototype', () => {
    const value: unknown = JSON.parse('{"__proto__":{"polluted":true},"a":1}');
    const limited = limitJson(value) as Record<string, unknown>;
    assert.deepEqual(Object.keys(limited), ['__proto__', 'a']);
    assert.equal(Object.getPrototypeOf(limited), Object.prototype);
    assert.equal((limited as { polluted?: boolean }).polluted, undefined);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });
});

describe('json-check past its recursion bound', () => {
  it('accepts valid JSON of any depth, and places an error in deep invalid JSON', () => {
    assert.deepEqual(checkJson(nested(100_000)), { ok: true });
    const broken = checkJson('['.repeat(CHECK_MAX_DEPTH + 500) + ']'.repeat(CHECK_MAX_DEPTH + 499));
    assert.equal(broken.ok, false);
    if (!broken.ok) {
      assert.match(broken.message, /^nested more than 1000 levels deep, and not valid JSON: /);
      assert.equal(broken.offset, CHECK_MAX_DEPTH + 1);
    }
    // Within the bound, the precise checker answers as before.
    assert.deepEqual(checkJson('{"a": [1, 2,]}'), { ok: false, message: 'unexpected "]": a value is expected', offset: 12, line: 1, column: 13 });
  });
});
