// Undoing Content-Encoding on real and hostile bodies: every coding a sender uses, stacked codings,
// raw deflate, lies and bombs. The limits are zlib's own maxOutputLength, so a bomb is stopped
// while inflating, not after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { contentCodings, decodeBody, supportedCodings } from '../../../electron/core/untrusted/content-coding.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';

const stripeFixtures = readFileSync(join(CORPUS_DIR, 'stripe', 'fixtures3.json'));
const pdf = readFileSync(join(CORPUS_DIR, 'pdfs', 'tracemonkey.pdf'));

describe('content codings', () => {
  it('reads Content-Encoding in the order applied, across repeated headers, without identity', () => {
    assert.deepEqual(contentCodings([['Content-Encoding', 'GZIP, br'], ['X', 'y'], ['content-encoding', ' identity ,zstd']]), ['gzip', 'br', 'zstd']);
    assert.deepEqual(contentCodings([['Content-Type', 'application/json']]), []);
  });

  it('undoes gzip, x-gzip, deflate (zlib and raw), br and zstd on real JSON and a real PDF, byte for byte', () => {
    assert.ok(supportedCodings().includes('zstd'), 'Node 22.15+ has zstd in node:zlib');
    for (const original of [stripeFixtures, pdf]) {
      const cases: Array<[string, Buffer]> = [
        ['gzip', zlib.gzipSync(original)],
        ['x-gzip', zlib.gzipSync(original)],
        ['deflate', zlib.deflateSync(original)],
        ['deflate', zlib.deflateRawSync(original)],
        ['br', zlib.brotliCompressSync(original)],
        ['zstd', zlib.zstdCompressSync(original)],
      ];
      for (const [coding, encoded] of cases) {
        const outcome = decodeBody(encoded, [coding]);
        assert.ok(outcome.ok, `${coding}: ${outcome.ok ? '' : outcome.reason}`);
        assert.ok(outcome.bytes.equals(original), coding);
      }
    }
  });

  it('undoes stacked codings last first (Content-Encoding: gzip, br means gzip was applied first)', () => {
    const encoded = zlib.brotliCompressSync(zlib.gzipSync(stripeFixtures));
    const outcome = decodeBody(encoded, ['gzip', 'br']);
    assert.ok(outcome.ok && outcome.bytes.equals(stripeFixtures));
    assert.equal(decodeBody(encoded, ['br', 'gzip']).ok, false, 'the wrong order is refused, not guessed');
  });

  it('refuses a gzip bomb by ratio: 10 MiB of zeros in ~10 KiB stops at 200× its size, with a message that says so', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024));
    assert.ok(bomb.length < 20 * 1024);
    const outcome = decodeBody(bomb, ['gzip']);
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.reason, /went past 1\.9 MiB \(200× the 10,\d{3} bytes received, at most 64 MiB\).*decompression bomb/);
  });

  it('refuses by the absolute cap even when the ratio would allow it, for every coding', () => {
    const limits = { maxBytes: 2 * 1024 * 1024, maxRatio: 1_000_000, minAllowance: 1024 };
    const big = Buffer.alloc(8 * 1024 * 1024, 'a');
    for (const [coding, encoded] of [
      ['gzip', zlib.gzipSync(big)],
      ['deflate', zlib.deflateRawSync(big)],
      ['br', zlib.brotliCompressSync(big)],
      ['zstd', zlib.zstdCompressSync(big)],
    ] as const) {
      const outcome = decodeBody(encoded, [coding], limits);
      assert.equal(outcome.ok, false, coding);
      assert.match(outcome.ok ? '' : outcome.reason, /at most 2 MiB/, coding);
    }
  });

  it('refuses a nested bomb (gzip of gzip) at the same allowance: the cap is on the final size, not per layer', () => {
    const inner = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    const outer = zlib.gzipSync(inner);
    const outcome = decodeBody(outer, ['gzip', 'gzip']);
    assert.equal(outcome.ok, false);
  });

  it('says what is wrong with a body that lies about its coding, or uses one it does not know', () => {
    const notGzip = decodeBody(Buffer.from('{"plain":"json"}'), ['gzip']);
    assert.match(notGzip.ok ? '' : notGzip.reason, /labelled "gzip" but is not valid gzip/);
    const truncated = decodeBody(zlib.gzipSync(stripeFixtures).subarray(0, 500), ['gzip']);
    assert.equal(truncated.ok, false);
    const unknown = decodeBody(Buffer.from('x'), ['compress']);
    assert.match(unknown.ok ? '' : unknown.reason, /"compress", which Hookscope cannot undo \(it knows gzip, x-gzip, deflate, br, zstd\)/);
  });

  it('returns the bytes unchanged when there is nothing to undo', () => {
    const outcome = decodeBody(pdf, []);
    assert.ok(outcome.ok && outcome.bytes.equals(pdf));
  });
});
