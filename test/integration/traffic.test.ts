// endpoints.traffic through a real core: real SQLite file, real loopback captures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EndpointTraffic } from '../../electron/contract/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

describe('endpoint traffic', () => {
  let t: TestCore;
  const post = (path: string, body = '{"ok":true}') =>
    fetch(`${t.captureUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status);

  before(async () => {
    t = await startTestCore({ limits: { bodyLimitBytes: 64 } });
  });
  after(() => t.stop());

  it('counts captured deliveries per bucket by answer, leaving imports and other endpoints out', async () => {
    const api = t.core.api;
    api['endpoints.create']({ slug: 'shop', name: 'Shop' } as never);
    api['endpoints.create']({ slug: 'other', name: 'Other' } as never);
    assert.equal(await post('/shop/a'), 200);
    assert.equal(await post('/shop/a'), 200);
    api['endpoints.update']({ slug: 'shop', response: { status: 503 } } as never);
    assert.equal(await post('/shop/b'), 503);
    assert.equal(await post('/shop/big', 'x'.repeat(200)), 413);
    assert.equal(await post('/other/a'), 200);
    const exported = api['deliveries.export']({ endpoint: 'shop', format: 'json', redact: false } as never) as { document: Record<string, unknown> };
    await api['deliveries.import']({ endpoint: 'shop', document: exported.document } as never);

    const traffic = api['endpoints.traffic']({ slug: 'shop', range: '1h' } as never) as EndpointTraffic;
    assert.deepEqual(traffic.totals, { '2xx': 2, '3xx': 0, '4xx': 0, '5xx': 1, other: 0, rejected: 1 });
    assert.equal(traffic.buckets.length, 60);
    // Each captured delivery sits in the bucket its own receivedAt names.
    const listed = api['deliveries.list']({ endpoint: 'shop', limit: 100 } as never) as { deliveries: { receivedAt: string; imported: boolean }[] };
    const expected = new Array<number>(60).fill(0);
    for (const d of listed.deliveries.filter((d) => !d.imported)) expected[Math.floor((Date.parse(d.receivedAt) - traffic.from) / traffic.bucketMs)]! += 1;
    assert.deepEqual(traffic.buckets.map((b) => Object.values(b).reduce((a, n) => a + n, 0)), expected);
    assert.equal(listed.deliveries.length, 8, 'the imports are there, just not traffic');
  });

  it('refuses an unknown endpoint', () => {
    assert.throws(() => t.core.api['endpoints.traffic']({ slug: 'nope', range: '1h' } as never), /no endpoint/);
  });
});
