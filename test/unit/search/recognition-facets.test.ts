// A first recognition writes its own search facets (provider, event, retry) without the insert
// trigger migration 9 removed; re-recognition still moves them through the update trigger.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ProviderInfo } from '../../../electron/contract/index.js';
import { defaultResponseRule } from '../../../electron/core/endpoints/response-rule.js';
import { openDatabase, type SqliteDatabase } from '../../../electron/core/store/database.js';
import { DeliveryRepository } from '../../../electron/core/store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, EndpointRepository } from '../../../electron/core/store/endpoint-repository.js';
import { RecognitionRepository } from '../../../electron/core/store/recognition-repository.js';
import { makeDataDir } from '../../helpers/data-dir.js';

const stripe = (event: string) => ({ id: 'stripe', name: 'Stripe', event, outcome: 'success', summary: '' }) as unknown as ProviderInfo;

describe('recognition facets', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let db: SqliteDatabase;
  beforeEach(async () => {
    data = await makeDataDir();
    db = openDatabase(join(data.dir, 'hookscope.db'));
  });
  afterEach(async () => {
    db.close();
    await data.remove();
  });

  it('writes provider and event for every recognised delivery, and retry:yes from the second attempt of an event', () => {
    const endpoints = new EndpointRepository(db);
    endpoints.create(DEFAULT_ENDPOINT_SLUG, 'Default', defaultResponseRule, Date.now(), true);
    const endpointId = endpoints.find(DEFAULT_ENDPOINT_SLUG)!.id;
    const body = Buffer.from('{}');
    const ids = new DeliveryRepository(db).insertMany(
      [1, 2, 3].map(() => ({
        endpointId, receivedAt: Date.now(), method: 'POST', url: '/', httpVersion: '1.1', rawHeaders: [], headersTruncated: false, body,
        bodySha256: createHash('sha256').update(body).digest('hex'), contentType: null, remoteAddress: null, viaTunnel: false,
        response: { status: 200, headers: [], body: '' }, rejected: null,
      })),
    );
    const recognitions = new RecognitionRepository(db);
    const facetsOf = (id: number) => (db.prepare('SELECT token FROM delivery_facets WHERE delivery_id = ? ORDER BY token').all(id) as Array<{ token: string }>).map((r) => r.token);
    const attempts = db.transaction(() =>
      recognitions.saveMany([
        { deliveryId: ids[0]!, endpointId, provider: stripe('Invoice.Paid'), dupKey: 'evt_1', dupSource: 'body' },
        { deliveryId: ids[1]!, endpointId, provider: stripe('Invoice.Paid'), dupKey: 'evt_1', dupSource: 'body' },
        { deliveryId: ids[2]!, endpointId, provider: null, dupKey: null, dupSource: null },
      ]),
    )();
    assert.deepEqual([...attempts.values()], [1, 2, null]);
    assert.deepEqual(facetsOf(ids[0]!), ['event:invoice.paid', 'provider:stripe']);
    assert.deepEqual(facetsOf(ids[1]!), ['event:invoice.paid', 'provider:stripe', 'retry:yes']);
    assert.deepEqual(facetsOf(ids[2]!), []);

    // Analysed again (a new secret, a new Hookscope): the update trigger replaces the event.
    db.transaction(() => recognitions.saveMany([{ deliveryId: ids[0]!, endpointId, provider: stripe('charge.refunded'), dupKey: 'evt_1', dupSource: 'body' }]))();
    assert.deepEqual(facetsOf(ids[0]!), ['event:charge.refunded', 'provider:stripe']);
  });
});
