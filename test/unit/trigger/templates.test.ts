// The templates: every catalogue provider can be played, the reference senders' events are all
// there with the headers their documents name, and each send is a new event (fresh ids, times, links).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { providerCatalogue } from '../../../electron/core/providers/index.js';
import { previewTemplate, templates } from '../../../electron/core/trigger/index.js';
import { freshSource } from '../../../electron/core/trigger/fresh.js';
import { applyEdit, EditError, parseEdit } from '../../../electron/core/trigger/set-path.js';

const NOW = Date.UTC(2026, 3, 6, 10, 1, 23, 456);
const bodyOf = (id: string, nowMs = NOW) => JSON.parse(previewTemplate(id, nowMs).body) as Record<string, any>;
const headerOf = (id: string, name: string, nowMs = NOW) => previewTemplate(id, nowMs).headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe('trigger templates', () => {
  it('are named provider.event, once each, and every catalogue provider has at least one', () => {
    const ids = templates.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const t of templates) assert.ok(t.id === `${t.provider}.${eventPart(t.id, t.provider)}` && /^[a-z0-9-]+\.[a-z0-9._-]+$/.test(t.id), t.id);
    const providers = new Set(templates.map((t) => t.provider));
    for (const entry of providerCatalogue) assert.ok(providers.has(entry.id), `no template for ${entry.id}`);
  });

  it('hold every event the reference documents name', () => {
    for (const id of [
      'pdfshift.success',
      'pdfshift.failure',
      'pdfgorilla.completed',
      'pdfgorilla.failed',
      'pdfgorilla.canceled',
      'adobe.done',
      'adobe.failed',
      'goshiip.pending',
      'goshiip.in_progress',
      'goshiip.picked_up',
      'goshiip.delivered',
      'stripe.invoice.paid',
      'github.push',
      'standard-webhooks.invoice.paid',
      'shopify.orders.create',
      'slack.app_mention',
    ]) {
      assert.ok(templates.some((t) => t.id === id), id);
    }
  });

  it('build every template into a request whose JSON body parses', () => {
    for (const t of templates) {
      const preview = previewTemplate(t.id, NOW);
      assert.equal(preview.method, 'POST', t.id);
      const type = preview.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
      if (type.includes('json')) assert.doesNotThrow(() => JSON.parse(preview.body), t.id);
      assert.ok(preview.body.length > 0, t.id);
    }
  });

  it('make PDF Gorilla events the way reference 002 shows them: event id = jobId, a link that expires after the send', () => {
    const preview = previewTemplate('pdfgorilla.completed', NOW);
    const completed = JSON.parse(preview.body) as Record<string, any>;
    assert.equal(completed.status, 'completed');
    assert.equal(completed.error, null);
    assert.deepEqual(preview.headers, [['Content-Type', 'application/json'], ['x-pdfg-event-id', completed.jobId]]);
    assert.equal(completed.timestamp, new Date(NOW).toISOString());
    assert.ok(Date.parse(completed.expiresAt) > NOW, 'the link expires after the send');
    assert.match(completed.downloadUrl, /^https:\/\//);
    const failed = bodyOf('pdfgorilla.failed');
    assert.deepEqual(failed.error, { code: 'RENDER_TIMEOUT', message: 'PDF rendering timed out.' });
    assert.equal(failed.downloadUrl, undefined);
    assert.equal(bodyOf('pdfgorilla.canceled').status, 'canceled');
  });

  it('make Adobe, GoShiip and PDFShift bodies with the reference documents\' fields', () => {
    assert.equal(bodyOf('adobe.done').statusResponse.status, 'done');
    assert.match(bodyOf('adobe.done').statusResponse.asset.downloadUri, /X-Amz-Date=20260406T100123Z&.*X-Amz-Expires=3599/);
    assert.equal(bodyOf('adobe.failed').statusResponse.error.code, 'INVALID_PROVIDER_NAME');
    assert.deepEqual(
      ['goshiip.pending', 'goshiip.in_progress', 'goshiip.picked_up', 'goshiip.delivered'].map((id) => bodyOf(id).shipment.data.status),
      ['Pending', 'In Progress', 'Picked Up', 'Delivered'],
    );
    assert.equal(bodyOf('pdfshift.success').success, true);
    assert.equal(bodyOf('pdfshift.success').executed, '2026-04-06T10:01:23.456000');
    assert.equal(bodyOf('pdfshift.failure').success, false);
  });

  it('are a new event on every send: ids, times and links are fresh', () => {
    const later = NOW + 60_000;
    for (const [id, read] of [
      ['pdfgorilla.completed', (b: any) => [b.jobId, b.downloadUrl, b.timestamp]],
      ['goshiip.delivered', (b: any) => [b.shipment.data.reference]],
      ['adobe.done', (b: any) => [b.jobID, b.statusResponse.asset.downloadUri]],
      ['stripe.invoice.paid', (b: any) => [b.id, b.created, b.data.object.id]],
      ['slack.app_mention', (b: any) => [b.event_id, b.event_time]],
      ['paddle.transaction.completed', (b: any) => [b.event_id, b.occurred_at]],
    ] as const) {
      const [a, b] = [read(bodyOf(id, NOW)), read(bodyOf(id, later))];
      a.forEach((value: unknown, i: number) => assert.notEqual(value, b[i], `${id}: field ${i} repeated`));
    }
    assert.notEqual(headerOf('github.push', 'X-GitHub-Delivery'), headerOf('github.push', 'X-GitHub-Delivery'));
  });

  it('keep the shape of what they refresh (prefixes, lengths, Unix seconds)', () => {
    const stripe = bodyOf('stripe.invoice.paid');
    assert.match(stripe.id, /^evt_[A-Za-z0-9]{24}$/);
    assert.equal(stripe.created, Math.floor(NOW / 1000));
    const paddle = bodyOf('paddle.transaction.completed');
    assert.match(paddle.event_id, /^evt_[0-9a-z]{26}$/);
    assert.equal(paddle.occurred_at, '2026-04-06T10:01:23Z');
    assert.equal(freshSource(NOW).nowMs, NOW);
  });
});

describe('--set path=value', () => {
  it('edits nested fields, reading values as JSON when they parse and as text otherwise', () => {
    const body = { data: { object: { amount: 1, tags: ['a'] } } };
    let edited = applyEdit(body, parseEdit('data.object.amount=5000'));
    edited = applyEdit(edited, parseEdit('data.object.tags.1=b'));
    edited = applyEdit(edited, parseEdit('status=failed'));
    edited = applyEdit(edited, parseEdit('meta={"x":null}'));
    assert.deepEqual(edited, { data: { object: { amount: 5000, tags: ['a', 'b'] } }, status: 'failed', meta: { x: null } });
    assert.deepEqual(body.data.object.amount, 1, 'the template is not changed');
  });

  it('refuses what cannot be an edit, with a message that says why', () => {
    assert.throws(() => parseEdit('no-equals'), EditError);
    assert.throws(() => parseEdit('a..b=1'), /empty segment/);
    assert.throws(() => parseEdit('__proto__.x=1'), /cannot be set/);
    assert.throws(() => applyEdit({ list: [1] }, parseEdit('list.x=1')), /not an index/);
    assert.throws(() => applyEdit({ a: 'text' }, parseEdit('a.b=1')), /cannot be set inside/);
  });
});

function eventPart(id: string, provider: string): string {
  return id.slice(provider.length + 1);
}
