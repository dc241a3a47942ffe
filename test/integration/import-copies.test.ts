// An import is a copy of deliveries, not the sender trying again: re-importing an export leaves the
// copies unnumbered (no "retry 2/3/4"), and a signature header masked by the export is named as
// redacted, not diagnosed as a malformed signature.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { parseArgs, type Delivery } from '../../electron/contract/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';

const SECRET = 'whsec_import_copies_secret';

describe('imports are copies', () => {
  let t: TestCore;
  let originalId: number;
  before(async () => {
    t = await startTestCore();
    t.core.api['endpoints.create']({ slug: 'stripe', verification: { scheme: 'stripe', secret: SECRET } });
    const event = JSON.stringify({ id: 'evt_copies_1', object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1' } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: event, secret: SECRET });
    await send(`${t.captureUrl}/stripe`, { headers: ['Content-Type', 'application/json', 'Stripe-Signature', signature], body: event });
    originalId = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    await settled(originalId);
  });
  after(() => t.stop());

  /** The delivery once its analysis has been stored (bounded wait, loopback only). */
  async function settled(id: number): Promise<Delivery> {
    for (let i = 0; i < 500; i += 1) {
      const delivery = t.core.api['deliveries.get']({ id });
      if (delivery.verification && delivery.verification.status !== 'unverified' && delivery.provider) return delivery;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`delivery ${id} was not analysed`);
  }

  it('the captured event is attempt 1 of 1; three imports of its export add no attempts', async () => {
    assert.equal((await settled(originalId)).duplicate?.attempt, 1);
    const exported = t.core.api['deliveries.export'](parseArgs('deliveries.export', { ids: [originalId], redact: false }));
    const copies: number[] = [];
    for (let i = 0; i < 3; i += 1) copies.push(...(await t.core.api['deliveries.import']({ endpoint: 'stripe', document: exported.document as Record<string, unknown> })).ids);
    for (const id of copies) {
      const copy = await settled(id);
      assert.equal(copy.imported, true);
      assert.equal(copy.duplicate, null, `copy ${id} is not numbered among the sender's attempts`);
      assert.equal(copy.verification?.status, 'valid', 'an unredacted copy still verifies');
    }
    const summaries = t.core.api['deliveries.list']({ limit: 10 }).deliveries;
    assert.ok(summaries.filter((s) => copies.includes(s.id)).every((s) => s.attempt === null));
    assert.equal((await settled(originalId)).duplicate?.of, 1, 'the original is still the only attempt');
  });

  it('names a redacted signature header as redacted', async () => {
    const exported = t.core.api['deliveries.export'](parseArgs('deliveries.export', { ids: [originalId] }));
    const [id] = (await t.core.api['deliveries.import']({ endpoint: 'stripe', document: exported.document as Record<string, unknown> })).ids;
    const verification = (await settled(id!)).verification!;
    assert.equal(verification.status, 'missing');
    assert.match(verification.reason, /Stripe-Signature was redacted when this delivery was exported/);
    assert.doesNotMatch(verification.reason, /carries no v1/);
  });
});
