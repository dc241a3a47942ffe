import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { duplicateKey, groupAttempts, type AttemptInput } from '../../../electron/core/recognize/index.js';
import { adobeDone, goShiipWithStatus, inputOf, providerCases } from '../../fixtures/providers.js';
import { pdfGorillaCompleted, pdfShiftSuccess } from '../../fixtures/payloads.js';

const json = (body: string, headers: Array<[string, string]> = []) => inputOf({ headers: [['Content-Type', 'application/json'], ...headers], body, contentType: 'application/json' });
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('duplicateKey', () => {
  it('takes the event-id headers first', () => {
    const cases: Array<[Array<[string, string]>, string, string]> = [
      [[['x-pdfg-event-id', 'cma1']], 'pdfgorilla:cma1', 'x-pdfg-event-id header'],
      [[['webhook-id', 'msg_1']], 'standard-webhooks:msg_1', 'webhook-id header'],
      [[['Svix-Id', 'msg_1']], 'standard-webhooks:msg_1', 'Svix-Id header'],
      [[['X-GitHub-Delivery', 'guid-1']], 'github:guid-1', 'X-GitHub-Delivery header'],
      [[['X-Shopify-Webhook-Id', 'wh-1']], 'shopify:wh-1', 'X-Shopify-Webhook-Id header'],
    ];
    for (const [headers, key, source] of cases) assert.deepEqual(duplicateKey(json('{"id":"evt_ignored","object":"event","type":"x"}', headers)), { key, source });
  });

  it('PDF Gorilla: x-pdfg-event-id is the jobId, so a header-less replay joins the same group', () => {
    const withHeader = duplicateKey(json(pdfGorillaCompleted, [['x-pdfg-event-id', 'cma1b2c3d4e5f6g7h8i9j0k']]));
    const withoutHeader = duplicateKey(json(pdfGorillaCompleted));
    assert.equal(withHeader?.key, 'pdfgorilla:cma1b2c3d4e5f6g7h8i9j0k');
    assert.equal(withoutHeader?.key, withHeader?.key);
    assert.equal(withoutHeader?.source, 'body jobId');
  });

  it('body ids: Stripe evt_, Adobe jobID, PDFShift url (hashed when long), generic event_id', () => {
    assert.deepEqual(duplicateKey(json('{"id":"evt_123","object":"event","type":"charge.succeeded"}')), { key: 'stripe:evt_123', source: 'body id' });
    assert.deepEqual(duplicateKey(json(adobeDone)), { key: 'adobe:<JOB ID>', source: 'body jobID' });
    const pdfshift = duplicateKey(json(pdfShiftSuccess));
    assert.equal(pdfshift?.key, `pdfshift:${JSON.parse(pdfShiftSuccess).url}`);
    assert.equal(pdfshift?.source, 'body url');
    const longUrl = pdfShiftSuccess.replace('.pdf"', `.pdf?X-Amz-Signature=${'a'.repeat(200)}"`);
    assert.match(duplicateKey(json(longUrl))?.key ?? '', /^pdfshift:sha256-[0-9a-f]{64}$/);
    assert.deepEqual(duplicateKey(json('{"event_id":"e-42","kind":"thing"}')), { key: 'event:e-42', source: 'body event_id' });
    assert.deepEqual(duplicateKey(json('{"id":"evt_9"}')), { key: 'event:evt_9', source: 'body id' });
  });

  it('GoShiip: each status change is its own event; the same status again is a retry', () => {
    const delivered = duplicateKey(json(goShiipWithStatus('Delivered')));
    const pickedUp = duplicateKey(json(goShiipWithStatus('Picked Up')));
    assert.equal(delivered?.key, 'goshiip:5lqijs7rm9n0:Delivered');
    assert.notEqual(delivered?.key, pickedUp?.key);
    assert.equal(duplicateKey(json(goShiipWithStatus('Delivered')))?.key, delivered?.key);
  });

  it('no key when nothing identifies the event', () => {
    assert.equal(duplicateKey(json('{"hello":"world"}')), null);
    assert.equal(duplicateKey(json('{"id":"not-an-event-id"}')), null);
    assert.equal(duplicateKey(json('{}', [['webhook-id', '   ']])), null);
  });

  it('every provider fixture with an id gets a key', () => {
    for (const c of providerCases) {
      if (c.label.startsWith('PDFShift failure')) continue; // the failure body carries no id
      assert.ok(duplicateKey(inputOf(c)), c.label);
    }
  });
});

describe('groupAttempts', () => {
  const list: AttemptInput[] = [
    { id: 1, receivedAt: 1_000, key: 'pdfgorilla:a', bodySha256: sha('A') },
    { id: 2, receivedAt: 1_500, key: null, bodySha256: sha('x') },
    { id: 3, receivedAt: 6_000, key: 'pdfgorilla:a', bodySha256: sha('A') },
    { id: 4, receivedAt: 7_000, key: 'stripe:evt_1', bodySha256: sha('S') },
    { id: 5, receivedAt: 36_000, key: 'pdfgorilla:a', bodySha256: sha('A changed') },
  ];

  it('numbers attempts in order of arrival, with the gap since the previous one', () => {
    const byId = groupAttempts(list);
    assert.deepEqual(byId.get(1), { key: 'pdfgorilla:a', attempt: 1, of: 3, firstId: 1, previousId: null, sincePreviousMs: null, payloadChanged: false });
    assert.deepEqual(byId.get(3), { key: 'pdfgorilla:a', attempt: 2, of: 3, firstId: 1, previousId: 1, sincePreviousMs: 5_000, payloadChanged: false });
    assert.deepEqual(byId.get(5), { key: 'pdfgorilla:a', attempt: 3, of: 3, firstId: 1, previousId: 3, sincePreviousMs: 30_000, payloadChanged: true });
    assert.deepEqual(byId.get(4), { key: 'stripe:evt_1', attempt: 1, of: 1, firstId: 4, previousId: null, sincePreviousMs: null, payloadChanged: false });
    assert.equal(byId.has(2), false, 'a delivery without a key is not grouped');
  });

  it('does not depend on the order given; same-millisecond arrivals are ordered by id', () => {
    const shuffled = [list[4]!, list[2]!, list[0]!, list[3]!, list[1]!];
    assert.deepEqual(groupAttempts(shuffled), groupAttempts(list));
    const tie = groupAttempts([
      { id: 11, receivedAt: 5, key: 'k', bodySha256: 'a' },
      { id: 10, receivedAt: 5, key: 'k', bodySha256: 'a' },
    ]);
    assert.equal(tie.get(10)?.attempt, 1);
    assert.equal(tie.get(11)?.attempt, 2);
    assert.equal(tie.get(11)?.sincePreviousMs, 0);
  });

  it('end to end: three PDF Gorilla retries, the last with a changed payload', () => {
    const bodies = [pdfGorillaCompleted, pdfGorillaCompleted, pdfGorillaCompleted.replace('10:01:23.456Z', '10:01:29.000Z')];
    const rows = bodies.map((body, i) => ({
      id: i + 1,
      receivedAt: i * 5_500,
      key: duplicateKey(json(body, [['x-pdfg-event-id', 'cma1b2c3d4e5f6g7h8i9j0k']]))?.key ?? null,
      bodySha256: sha(body),
    }));
    const attempts = groupAttempts(rows);
    assert.deepEqual([1, 2, 3].map((id) => attempts.get(id)?.attempt), [1, 2, 3]);
    assert.deepEqual([1, 2, 3].map((id) => attempts.get(id)?.payloadChanged), [false, false, true]);
  });
});
