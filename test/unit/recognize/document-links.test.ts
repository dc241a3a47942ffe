import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentLinks, MAX_LINKS, recognize } from '../../../electron/core/recognize/index.js';
import { adobeDone, adobeFailed, inputOf, providerCases, stripeInvoiceFailed } from '../../fixtures/providers.js';
import { pdfGorillaCompleted, pdfShiftSuccess } from '../../fixtures/payloads.js';

const linksOf = (body: string, headers: Array<[string, string]> = []) => {
  const input = inputOf({ headers: [['Content-Type', 'application/json'], ...headers], body, contentType: 'application/json' });
  return documentLinks(recognize(input), input.body);
};

describe('documentLinks', () => {
  it('PDFShift: url, with its filesize and pdf_pages claims', () => {
    assert.deepEqual(linksOf(pdfShiftSuccess), [
      {
        url: 'https://pdfshift.s3.amazonaws.com/d/2/2024-03/39775239d74d4accbabb709800f034d2/8a3ec881-fa69-4059-9c71-0f40c633317e.pdf',
        field: 'url',
        reason: 'known',
        claimedSize: 34980,
        claimedPages: 1,
      },
    ]);
  });

  it('Adobe: asset.downloadUri kept byte for byte (presigned), with metadata.size and type', () => {
    const [link, ...rest] = linksOf(adobeDone);
    assert.equal(rest.length, 0);
    assert.equal(link?.field, 'statusResponse.asset.downloadUri');
    assert.equal(link?.reason, 'known');
    assert.equal(link?.claimedSize, 318974);
    assert.equal(link?.claimedType, 'application/pdf');
    assert.ok(adobeDone.includes(link!.url), 'the URL is exactly as sent');
    assert.deepEqual(linksOf(adobeFailed), []);
  });

  it('PDF Gorilla: downloadUrl with expiresAt, when it is a real URL', () => {
    // The reference sample's "https://..." is a placeholder, not a URL with a host.
    assert.deepEqual(linksOf(pdfGorillaCompleted), []);
    const real = pdfGorillaCompleted.replace('https://...', 'https://files.pdfgorilla.io/jobs/cma1/output?sig=abc');
    assert.deepEqual(linksOf(real), [
      { url: 'https://files.pdfgorilla.io/jobs/cma1/output?sig=abc', field: 'downloadUrl', reason: 'known', expiresAt: '2026-04-13T10:00:00.000Z' },
    ]);
  });

  it('Stripe: the invoice PDF, not the hosted (HTML) invoice page', () => {
    assert.deepEqual(linksOf(stripeInvoiceFailed), [
      { url: 'https://pay.stripe.com/invoice/acct_1/test_YWNjdF8x/pdf?s=ap', field: 'data.object.invoice_pdf', reason: 'known' },
    ]);
  });

  it('unknown senders: any URL ending in .pdf, and URLs under *url* / *uri* fields', () => {
    const body = JSON.stringify({
      report: { file: 'https://cdn.example.com/r/2026/report.PDF' },
      result_url: 'https://api.example.com/results/9',
      downloadUri: 'http://files.example.com/x',
      callbackUrl: 'https://me.example.com/hook',
      note: 'https://example.com/not-a-link-field',
      ftp: 'ftp://example.com/file.pdf',
      items: [{ href: 'https://example.com/items/1' }],
    });
    assert.deepEqual(linksOf(body), [
      { url: 'https://cdn.example.com/r/2026/report.PDF', field: 'report.file', reason: 'pdf-extension' },
      { url: 'https://api.example.com/results/9', field: 'result_url', reason: 'url-field' },
      { url: 'http://files.example.com/x', field: 'downloadUri', reason: 'url-field' },
      { url: 'https://example.com/items/1', field: 'items.0.href', reason: 'url-field' },
    ]);
  });

  it('GitHub payloads are not scanned (hundreds of API URLs)', () => {
    const gh = providerCases.find((c) => c.label === 'GitHub push')!;
    const input = inputOf(gh);
    assert.deepEqual(documentLinks(recognize(input), input.body), []);
  });

  it(`stops at ${MAX_LINKS} links and survives deep nesting`, () => {
    const many = JSON.stringify({ files: Array.from({ length: 50 }, (_, i) => `https://example.com/${i}.pdf`) });
    assert.equal(linksOf(many).length, MAX_LINKS);
    let deep: unknown = { url: 'https://example.com/deep.pdf' };
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    assert.deepEqual(linksOf(JSON.stringify(deep)), []);
  });

  it('takes a parsed body or none', () => {
    assert.deepEqual(documentLinks(null, { link: 'https://example.com/a' }), [{ url: 'https://example.com/a', field: 'link', reason: 'url-field' }]);
    assert.deepEqual(documentLinks(null, Buffer.from('not json')), []);
  });
});
