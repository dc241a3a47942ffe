import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, recognize, recognizers, type Recognizer } from '../../../electron/core/recognize/index.js';
import { adobeDone, adobeFailed, goShiipWithStatus, inputOf, pdfShiftFailure, providerCases } from '../../fixtures/providers.js';
import { pdfGorillaCompleted, pdfGorillaFailed, pdfShiftSuccess } from '../../fixtures/payloads.js';

const json = (body: string, headers: Array<[string, string]> = []) => inputOf({ headers: [['Content-Type', 'application/json'], ...headers], body, contentType: 'application/json' });

describe('recognize: every provider and outcome', () => {
  for (const c of providerCases) {
    it(`${c.label} → ${c.expect.id}, ${c.expect.outcome}`, () => {
      const info = recognize(inputOf(c));
      assert.ok(info, 'recognised');
      assert.equal(info.id, c.expect.id);
      assert.equal(info.outcome, c.expect.outcome);
      assert.equal(info.status, c.expect.status);
      assert.equal(info.event, c.expect.event);
      assert.equal(info.jobId, c.expect.jobId);
      assert.ok(info.summary.startsWith(info.name), info.summary);
      assert.ok(!info.summary.includes('{'), `no unfilled placeholder in ${info.summary}`);
      assert.ok(info.summary.length <= 200);
    });
  }
});

describe('recognize: fields and summary lines', () => {
  it('PDFShift success: url, filesize, duration, pages', () => {
    const info = recognize(json(pdfShiftSuccess))!;
    assert.equal(info.fields.url, 'https://pdfshift.s3.amazonaws.com/d/2/2024-03/39775239d74d4accbabb709800f034d2/8a3ec881-fa69-4059-9c71-0f40c633317e.pdf');
    assert.equal(info.fields.filesize, 34980);
    assert.equal(info.fields.duration, 1058);
    assert.equal(info.fields.pdf_pages, 1);
    assert.equal(info.fields['response.status-code'], 200);
    assert.equal(info.summary, 'PDFShift conversion · succeeded · 1 page · 34.2 KiB · 1.06 s');
  });

  it('PDFShift failure: the error is in the summary', () => {
    const info = recognize(json(pdfShiftFailure))!;
    assert.equal(info.fields.error, 'The source took too long to load.');
    assert.equal(info.fields.code, 408);
    assert.match(info.summary, /failed · The source took too long to load\.$/);
  });

  it('PDF Gorilla: jobId, downloadUrl, expiresAt, error.code, x-pdfg-event-id', () => {
    const done = recognize(json(pdfGorillaCompleted, [['x-pdfg-event-id', 'cma1b2c3d4e5f6g7h8i9j0k']]))!;
    assert.equal(done.fields.downloadUrl, 'https://...');
    assert.equal(done.fields.expiresAt, '2026-04-13T10:00:00.000Z');
    assert.equal(done.fields.eventId, 'cma1b2c3d4e5f6g7h8i9j0k');
    assert.equal(done.fields['error.code'], null);
    assert.equal(done.summary, 'PDF Gorilla job · completed · cma1b2c3d4e5… · link expires 2026-04-13T10:00:00.000Z');
    const failed = recognize(json(pdfGorillaFailed))!;
    assert.equal(failed.fields['error.code'], 'RENDER_TIMEOUT');
    assert.equal(failed.fields['error.message'], 'PDF rendering timed out.');
    assert.equal(failed.summary, 'PDF Gorilla job · failed · cma1b2c3d4e5… · RENDER_TIMEOUT');
  });

  it('Adobe: jobID, statusResponse.status, asset.downloadUri, metadata.size, error', () => {
    const done = recognize(json(adobeDone))!;
    assert.match(String(done.fields.downloadUri), /^https:\/\/dcplatformstorageservice-dev-us-east-1\.s3-accelerate\.amazonaws\.com\//);
    assert.equal(done.fields['metadata.size'], 318974);
    assert.equal(done.fields['metadata.type'], 'application/pdf');
    assert.equal(done.fields.assetID, 'urn:aaid:AS:UE1:786e4ea5-a720-4d0a-af6d-cb450719989c');
    assert.equal(done.summary, 'Adobe PDF Services job · done · <JOB ID> · 311.5 KiB');
    const failed = recognize(json(adobeFailed))!;
    assert.equal(failed.fields['error.code'], 'INVALID_PROVIDER_NAME');
    assert.equal(failed.fields['error.status'], 400);
    assert.match(String(failed.fields['error.message']), /^Provider with name csctest not supported/);
  });

  it('GoShiip: reference, carrier, destination', () => {
    const info = recognize(json(goShiipWithStatus('Picked Up')))!;
    assert.equal(info.fields.reference, '5lqijs7rm9n0');
    assert.equal(info.fields.carrier, 'DHL');
    assert.equal(info.summary, 'GoShiip shipment · Picked Up · 5lqijs7rm9n0 · DHL · to David Ola Ojeniyi St, Ibadan, Nigeria');
  });

  it('GoShiip statuses are matched whatever their spelling ("in_progress", "PICKED-UP")', () => {
    assert.equal(recognize(json(goShiipWithStatus('in_progress')))?.outcome, 'pending');
    assert.equal(recognize(json(goShiipWithStatus('PICKED-UP')))?.outcome, 'pending');
    assert.equal(recognize(json(goShiipWithStatus('delivered')))?.outcome, 'success');
    assert.equal(recognize(json(goShiipWithStatus('Cancelled')))?.outcome, 'failure');
    assert.equal(recognize(json(goShiipWithStatus('Out for delivery')))?.outcome, 'pending');
  });
});

describe('recognize: what it must not do', () => {
  it('returns null for bodies nobody sends', () => {
    for (const body of ['{}', '[]', '{"hello":"world"}', 'not json', '', '{"success":true}', '{"jobId":"x","status":"weird"}']) {
      assert.equal(recognize(json(body)), null, body);
    }
  });

  it('a header beats a body shape: a Svix-delivered body shaped like PDFShift is Standard Webhooks', () => {
    const info = recognize(json(pdfShiftFailure, [['svix-id', 'msg_1']]));
    assert.equal(info?.id, 'standard-webhooks');
  });

  it('never walks the prototype chain', () => {
    const body = '{"jobID":"j","statusResponse":{"status":"done","asset":{"constructor":"x"}},"__proto__":{"polluted":true}}';
    const info = recognize(json(body))!;
    assert.equal(info.id, 'adobe');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const gh = recognize(json('{"constructor":{"name":"x"}}', [['X-GitHub-Event', 'toString']]))!;
    assert.equal(gh.event, 'toString');
    assert.equal(gh.fields.repository, null);
  });

  it('does not parse a form-encoded or binary body', () => {
    const form = { headers: [['Content-Type', 'application/x-www-form-urlencoded']] as Array<[string, string]>, body: Buffer.from('a=1'), contentType: 'application/x-www-form-urlencoded' };
    assert.equal(recognize(form), null);
    const pdf = { headers: [], body: Buffer.from('%PDF-1.4\n'), contentType: 'application/pdf' };
    assert.equal(recognize(pdf), null);
  });

  it('recognises JSON sent without a Content-Type, or with a BOM', () => {
    assert.equal(recognize({ headers: [], body: Buffer.from(pdfGorillaCompleted), contentType: null })?.id, 'pdfgorilla');
    assert.equal(recognize({ headers: [], body: Buffer.from(`\uFEFF${adobeDone}`), contentType: 'application/json' })?.id, 'adobe');
  });
});

describe('recognizers are data', () => {
  it('adding one is adding an entry', () => {
    const acme: Recognizer = {
      id: 'acme',
      name: 'Acme Render',
      match: [{ headers: ['X-Acme-Event'] }],
      event: { header: 'X-Acme-Event' },
      status: { path: 'state' },
      jobId: { path: 'render.id' },
      outcome: { from: { path: 'state' }, success: ['ready'], failure: ['broken'], otherwise: 'pending' },
      fields: { file: { path: 'render.file' } },
      summary: ['{status}', '{jobId}'],
      dedupe: { path: 'render.id' },
      documents: [{ url: 'render.file', size: 'render.bytes' }],
    };
    const table = [acme, ...recognizers];
    const input = json('{"state":"ready","render":{"id":"r_1","file":"https://cdn.example.com/r_1","bytes":99}}', [['X-Acme-Event', 'render.finished']]);
    const result = analyze(input, table);
    assert.equal(result.provider?.summary, 'Acme Render render.finished · ready · r_1');
    assert.equal(result.provider?.outcome, 'success');
    assert.deepEqual(result.duplicate, { key: 'acme:r_1', source: 'body render.id' });
    assert.deepEqual(result.links, [{ url: 'https://cdn.example.com/r_1', field: 'render.file', reason: 'known', claimedSize: 99 }]);
  });

  it('every entry has a unique id and at least one match rule', () => {
    const ids = recognizers.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of recognizers) assert.ok(r.match.length > 0, r.id);
  });
});
