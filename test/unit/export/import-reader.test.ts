// The import reader on its own: entries handed over one at a time from any slicing of the file,
// strict base64, and hostile structure refused with where it happened.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../helpers/corpus.js';
import { describe, it } from 'node:test';
import { ImportError, strictBase64 } from '../../../electron/core/export/import.js';
import { ImportReader, parseImport, readDocument } from '../../../electron/core/export/import-reader.js';

describe('import reader', () => {
  it('hands over the same entries whatever the slicing, skipping what is not an entry', async () => {
    const text = await readFile(join(CORPUS_DIR, 'har', 'safari.har'), 'utf8');
    const whole: unknown[] = [];
    readDocument(text, (_kind, value) => whole.push(value));
    assert.deepEqual(whole, JSON.parse(text).log.entries);
    for (const size of [1, 7, 4096]) {
      const sliced: unknown[] = [];
      const reader = new ImportReader((_kind, value) => sliced.push(value));
      const bytes = Buffer.from(text);
      const decoder = new TextDecoder();
      for (let at = 0; at < bytes.length; at += size) reader.write(decoder.decode(bytes.subarray(at, at + size), { stream: true }), Math.min(size, bytes.length - at));
      reader.end();
      assert.equal(sliced.length, whole.length, `slices of ${size}`);
      assert.deepEqual(sliced, whole);
    }
  });

  it('reads a Hookscope JSON export by its deliveries, whatever the key order', () => {
    const delivery = { receivedAt: '2026-01-01T00:00:00.000Z', method: 'POST', url: '/a', headers: [], body: Buffer.from('hi').toString('base64') };
    for (const document of [{ format: 'hookscope.deliveries', deliveries: [delivery] }, { deliveries: [delivery], format: 'hookscope.deliveries' }]) {
      const [d] = parseImport(document, 1, 0);
      assert.equal(d!.body.toString(), 'hi');
    }
    assert.throws(() => parseImport({ deliveries: [delivery] }, 1, 0), /format: expected "hookscope.deliveries"/);
  });

  it('takes strict base64 only (padded or not, MIME line breaks allowed)', () => {
    for (const [text, bytes] of [['', ''], ['aGk=', 'hi'], ['aGk', 'hi'], ['aGVs\r\nbG8=', 'hello'], ['AAEC/w==', '\x00\x01\x02\xff']] as const) {
      assert.equal(strictBase64(text)?.toString('latin1'), bytes, text);
    }
    for (const text of ['!!! not base64 @@@', 'aGk=aGk=', 'a', 'aGk-', 'aG_=', 'aGk==', 'aGVsbG8===']) assert.equal(strictBase64(text), null, text);
    // What the import used to do: Node decodes anything into some bytes.
    assert.ok(Buffer.from('!!! not base64 @@@', 'base64').length > 0);
  });

  it('refuses invalid base64 bodies naming the entry and the field', () => {
    const entry = (postData: object) => ({ request: { method: 'POST', url: 'https://x.test/hook', postData } });
    assert.throws(
      () => parseImport({ log: { entries: [entry({ text: 'aGk=', _encoding: 'base64' }), entry({ text: '!!! not base64 @@@', _encoding: 'base64' })] } }, 1, 0),
      (error: unknown) => error instanceof ImportError && /log\.entries\.1\.request\.postData\.text: not valid base64.*\(entry 2: POST https:\/\/x\.test\/hook\)/.test(error.message),
    );
    assert.throws(
      () => parseImport({ format: 'hookscope.deliveries', deliveries: [{ receivedAt: 'x', method: 'GET', url: '/', headers: [], body: '@@' }] }, 1, 0),
      /not a valid Hookscope export: deliveries\.0\.body: not valid base64/,
    );
  });

  it('bounds nesting, entry count and entry size, saying where', () => {
    const deep = `{"log":{"entries":[{"x":${'['.repeat(100_000)}`;
    assert.throws(() => readDocument(deep, () => undefined), /nested deeper than 512 levels \(between bytes 0 and \d+, in entry 1\)/);
    assert.throws(() => readDocument(`{"pages":${'['.repeat(100_000)}`, () => undefined), /nested deeper than 512 levels/);
    const three = JSON.stringify({ log: { entries: [{}, {}, {}] } });
    assert.throws(() => readDocument(three, () => undefined, { maxEntries: 2 }), /at most 2 entries per import/);
    const big = JSON.stringify({ log: { entries: [{ request: { postData: { text: 'x'.repeat(300_000) } } }] } });
    assert.throws(() => readDocument(big, () => undefined, { maxEntryBytes: 100_000 }), /entry 1 spans more than 100000 bytes/);
    assert.throws(() => readDocument('{"log":{"entries":[{}', () => undefined), /ends in the middle of the JSON|not valid JSON/);
  });
});
