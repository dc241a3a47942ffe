import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_JSON_DEPTH, nestsDeeperThan, stringifyBounded } from '../../electron/core/untrusted/bounded-json.js';
import { bodyForms } from '../../electron/core/verify/diagnose.js';
import { toField } from '../../electron/core/recognize/source.js';

const deep = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown;

describe('bounded JSON walks (finding 1)', () => {
  it('measures depth without recursing, at any depth', () => {
    assert.equal(nestsDeeperThan(deep(1_000_000)), true);
    assert.equal(nestsDeeperThan(deep(MAX_JSON_DEPTH)), false);
    assert.equal(nestsDeeperThan(deep(MAX_JSON_DEPTH + 1)), true);
    assert.equal(nestsDeeperThan({ a: [1, { b: 'x' }] }, 3), false);
    assert.equal(nestsDeeperThan({ a: [1, { b: {} }] }, 3), true);
  });

  it('stringifies what can be walked and refuses what cannot', () => {
    assert.equal(stringifyBounded({ a: [1, 2] }), '{"a":[1,2]}');
    assert.equal(stringifyBounded(deep(10_000)), undefined);
  });

  it('the signature diagnosis offers no re-serialized form of a too-deep body, instead of overflowing the stack', () => {
    const body = Buffer.from('['.repeat(10_000) + ']'.repeat(10_000));
    assert.deepEqual(bodyForms(body), []);
    assert.equal(bodyForms(Buffer.from('{"a": 1}')).length, 2);
  });

  it('recognition reads a too-deep field as absent', () => {
    assert.equal(toField(deep(10_000)), null);
    assert.equal(toField({ a: 1 }), '{"a":1}');
  });
});
