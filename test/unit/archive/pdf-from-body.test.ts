import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pdfFromBody } from '../../../electron/core/archive/index.js';
import { makePdf } from '../../fixtures/pdf.js';

const pdf = makePdf({ pages: 2 });

function multipart(boundary: string, parts: Array<{ headers: string[]; body: Buffer | string }>, eol = '\r\n'): Buffer {
  const chunks: Buffer[] = [Buffer.from(`preamble to ignore${eol}`)];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}${eol}${p.headers.join(eol)}${eol}${eol}`), Buffer.from(p.body), Buffer.from(eol));
  }
  chunks.push(Buffer.from(`--${boundary}--${eol}epilogue`));
  return Buffer.concat(chunks);
}

describe('pdfFromBody', () => {
  it('a body that is a PDF', () => {
    assert.deepEqual(pdfFromBody('application/pdf', pdf), [{ bytes: pdf, source: 'body', field: null, filename: null, contentType: 'application/pdf' }]);
    assert.equal(pdfFromBody('application/octet-stream', pdf).length, 1);
    assert.equal(pdfFromBody(null, pdf).length, 1);
  });

  it('a body labelled PDF that is not one, and JSON, yield nothing', () => {
    assert.deepEqual(pdfFromBody('application/pdf', Buffer.from('<html>login</html>')), []);
    assert.deepEqual(pdfFromBody('application/json', Buffer.from('{"a":1}')), []);
  });

  it('the PDF parts of multipart/form-data, byte-exact, with field and file names', () => {
    const body = multipart('----WebKitFormBoundary7MA4YWxkTrZu0gW', [
      { headers: ['Content-Disposition: form-data; name="jobId"'], body: 'job_1' },
      { headers: ['Content-Disposition: form-data; name="file"; filename="invoice 42.pdf"', 'Content-Type: application/pdf'], body: pdf },
      { headers: ['Content-Disposition: form-data; name="thumb"; filename="t.png"', 'Content-Type: image/png'], body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    const found = pdfFromBody('multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW', body);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.bytes.equals(pdf), 'byte-exact');
    assert.equal(found[0]!.field, 'file');
    assert.equal(found[0]!.filename, 'invoice 42.pdf');
    assert.equal(found[0]!.contentType, 'application/pdf');
  });

  it('a quoted boundary, LF line ends, RFC 5987 file names, octet-stream parts', () => {
    const body = multipart(
      'a"b',
      [{ headers: [`Content-Disposition: form-data; name="doc"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, 'Content-Type: application/octet-stream'], body: pdf }],
      '\n',
    );
    const found = pdfFromBody('multipart/form-data; boundary="a\\"b"', body);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.bytes.equals(pdf));
    assert.equal(found[0]!.filename, 'résumé.pdf');
  });

  it('a part ends at the first delimiter line (senders choose boundaries absent from the content)', () => {
    const trailing = Buffer.concat([pdf, Buffer.from('\r\n--xyz\r\n')]);
    const body = multipart('xyz', [{ headers: ['Content-Type: application/pdf'], body: trailing }]);
    const found = pdfFromBody('multipart/form-data; boundary=xyz', body);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.bytes.equals(pdf));
  });

  it('nested multipart/mixed and base64 parts', () => {
    const inner = multipart('inner', [{ headers: ['Content-Type: application/pdf', 'Content-Transfer-Encoding: base64'], body: pdf.toString('base64') }]);
    const outer = multipart('outer', [{ headers: ['Content-Disposition: form-data; name="files"', 'Content-Type: multipart/mixed; boundary=inner'], body: inner }]);
    const found = pdfFromBody('multipart/form-data; boundary=outer', outer);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.bytes.equals(pdf));
  });

  it('garbage does not throw', () => {
    for (const [type, body] of [
      ['multipart/form-data', 'no boundary param'],
      ['multipart/form-data; boundary=x', 'no delimiter at all'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 unterminated'],
      ['multipart/form-data; boundary=', '--\r\n'],
    ] as const) {
      assert.deepEqual(pdfFromBody(type, Buffer.from(body)), [], body);
    }
  });
});
