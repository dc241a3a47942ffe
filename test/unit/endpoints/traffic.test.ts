// The traffic chart's bucketing (electron/core/endpoints/traffic.ts): aligned windows, status
// classes, and groups out of the window neither drawn nor counted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketTraffic, statusClass, TRAFFIC_WINDOWS, trafficWindow } from '../../../electron/core/endpoints/traffic.js';

describe('traffic bucketing', () => {
  it('classes answers by status, refused requests apart', () => {
    const table: [number, boolean, string][] = [
      [200, false, '2xx'], [204, false, '2xx'], [299, false, '2xx'], [301, false, '3xx'], [404, false, '4xx'],
      [413, true, 'rejected'], [200, true, 'rejected'], [500, false, '5xx'], [599, false, '5xx'], [101, false, 'other'], [0, false, 'other'],
    ];
    for (const [status, rejected, expected] of table) assert.equal(statusClass(status, rejected), expected, `${status} ${rejected}`);
  });

  it('ends the window with the bucket holding now, aligned to the bucket size', () => {
    const now = Date.UTC(2026, 3, 6, 10, 7, 31, 500);
    for (const range of ['1h', '24h', '7d'] as const) {
      const { from, to, bucketMs, buckets } = trafficWindow(range, now);
      assert.equal(bucketMs, TRAFFIC_WINDOWS[range].bucketMs);
      assert.equal(to - from, buckets * bucketMs);
      assert.equal(from % bucketMs, 0);
      assert.ok(now >= to - bucketMs && now < to, range);
    }
    assert.equal(trafficWindow('1h', now).to, Date.UTC(2026, 3, 6, 10, 8));
  });

  it('places groups in their buckets and totals them; out-of-window groups count nowhere', () => {
    const now = Date.UTC(2026, 3, 6, 10, 7, 31);
    const traffic = bucketTraffic('stripe', '1h', now, [
      { slot: 59, status: 200, rejected: false, count: 3 },
      { slot: 59, status: 500, rejected: false, count: 2 },
      { slot: 0, status: 202, rejected: false, count: 1 },
      { slot: 30, status: 413, rejected: true, count: 4 },
      { slot: 60, status: 200, rejected: false, count: 9 },
      { slot: -1, status: 200, rejected: false, count: 9 },
    ]);
    assert.equal(traffic.buckets.length, 60);
    assert.deepEqual(traffic.buckets[59], { '2xx': 3, '3xx': 0, '4xx': 0, '5xx': 2, other: 0, rejected: 0 });
    assert.equal(traffic.buckets[0]!['2xx'], 1);
    assert.equal(traffic.buckets[30]!.rejected, 4);
    assert.deepEqual(traffic.totals, { '2xx': 4, '3xx': 0, '4xx': 0, '5xx': 2, other: 0, rejected: 4 });
    const drawn = traffic.buckets.reduce((sum, b) => sum + Object.values(b).reduce((a, n) => a + n, 0), 0);
    assert.equal(drawn, 10);
  });
});
