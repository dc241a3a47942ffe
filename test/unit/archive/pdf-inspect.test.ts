import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countPdfPages, isHtml, isPdf, snippetOf, storageError } from '../../../electron/core/archive/index.js';
import { checkXref, makePdf, s3Denied, s3Expired } from '../../fixtures/pdf.js';

describe('test PDFs (fixture)', () => {
  it('have correct xref offsets and the pages asked for', () => {
    for (const pages of [1, 2, 13]) {
      const pdf = makePdf({ pages });
      assert.equal(checkXref(pdf), pages * 2 + 3);
      assert.equal([...pdf.toString('latin1').matchAll(/\/Type \/Page\b(?!s)/g)].length, pages);
    }
    const padded = makePdf({ pages: 3, padTo: 1024 * 1024 });
    assert.ok(padded.length >= 1024 * 1024);
    checkXref(padded);
  });
});

describe('countPdfPages', () => {
  it('reads the page-tree root /Count', () => {
    assert.equal(countPdfPages(makePdf({ pages: 1 })), 1);
    assert.equal(countPdfPages(makePdf({ pages: 42 })), 42);
  });

  it('picks the root, not the intermediate /Pages nodes', () => {
    assert.equal(countPdfPages(makePdf({ pages: 25, nestEvery: 10 })), 25);
  });

  it('finds the page tree inside a compressed object stream (PDF 1.5)', () => {
    const pdf = makePdf({ pages: 7, objectStreams: true });
    assert.ok(!pdf.toString('latin1').includes('/Type /Pages'), 'the tree is not in plain sight');
    assert.equal(countPdfPages(pdf), 7);
  });

  it('falls back to counting /Type /Page when there is no /Count', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj 2 0 obj << /Type/Page /Parent 3 0 R >> endobj\n%%EOF');
    assert.equal(countPdfPages(pdf), 2);
  });

  it('is null for what is not a PDF or shows no pages', () => {
    assert.equal(countPdfPages(Buffer.from('<html></html>')), null);
    assert.equal(countPdfPages(Buffer.from('%PDF-1.7\n%%EOF')), null);
  });

  it('survives a damaged object stream', () => {
    const pdf = Buffer.from('%PDF-1.5\n1 0 obj << /Type /ObjStm /Filter /FlateDecode /Length 5 >>\nstream\nxxxxx\nendstream endobj\n%%EOF');
    assert.equal(countPdfPages(pdf), null);
  });
});

describe('what came back instead of a PDF', () => {
  it('isPdf: the signature within the first 1024 bytes', () => {
    assert.ok(isPdf(makePdf({ pages: 1 })));
    assert.ok(isPdf(Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from('%PDF-1.4')])));
    assert.ok(!isPdf(Buffer.concat([Buffer.alloc(1100, 0x20), Buffer.from('%PDF-1.4')])));
  });

  it('S3 XML errors: expired, access denied, not found, other', () => {
    assert.deepEqual(storageError(Buffer.from(s3Expired)), { code: 'AccessDenied', message: 'Request has expired', kind: 'expired' });
    assert.deepEqual(storageError(Buffer.from(s3Denied)), { code: 'AccessDenied', message: 'Access Denied', kind: 'access_denied' });
    assert.equal(storageError(Buffer.from('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>'))?.kind, 'not_found');
    assert.equal(storageError(Buffer.from('<Error><Code>SignatureDoesNotMatch</Code><Message>…</Message></Error>'))?.kind, 'access_denied');
    assert.equal(storageError(Buffer.from('<Error><Code>ExpiredToken</Code><Message>Invalid argument.</Message></Error>'))?.kind, 'expired');
    assert.equal(storageError(Buffer.from('<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>'))?.kind, 'storage_error');
    assert.equal(storageError(Buffer.from('<html><body>Error</body></html>')), null);
  });

  it('HTML by type or by markup, with a readable snippet', () => {
    const page = Buffer.from('<!DOCTYPE html><html><head><title>Sign in</title><style>p{}</style></head><body><h1>Please sign in</h1><script>x()</script><p>to download &amp; view</p></body></html>');
    assert.ok(isHtml('text/html; charset=utf-8', Buffer.from('x')));
    assert.ok(isHtml('application/pdf', page));
    assert.ok(!isHtml('application/pdf', makePdf({ pages: 1 })));
    assert.equal(snippetOf(page, true), 'Sign in — Please sign in to download & view');
    assert.equal(snippetOf(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16]), false), null);
  });
});

describe('countPdfPages on hostile files (finding 2)', () => {
  // A backwards dictionary search per match made these quadratic: 22 s for 1 MiB, minutes for 4 MiB
  // (this test would then run into the suite's timeout). One forward pass reads them in milliseconds.
  it('reads 4 MiB of nothing but /Type/Pages markers, flat and nested, in one pass', () => {
    const flat = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('/Type/Pages '.repeat(350_000))]);
    assert.equal(countPdfPages(flat), null);
    const nested = Buffer.from(`%PDF-1.7\n${'<< /Type/Pages /Count 5 '.repeat(170_000)}${' >>'.repeat(170_000)}`);
    assert.equal(countPdfPages(nested), 5);
  });

  it('reports what a shared page tree declares, however large (the preview must not trust it)', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 1000000 /Kids [3 0 R 3 0 R] >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n%%EOF');
    assert.equal(countPdfPages(pdf), 1_000_000);
  });

  it('credits keys to the dictionary that holds them, not to one nested inside it', () => {
    const pdf = Buffer.from('%PDF-1.7\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 2 /Resources << /Parent 9 0 R >> >> endobj\n%%EOF');
    assert.equal(countPdfPages(pdf), 2);
  });
});
