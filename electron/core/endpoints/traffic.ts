// An endpoint's traffic chart: deliveries per time bucket, by how they were answered. SQLite counts
// per (bucket, status); this file places those counts in aligned buckets and classes. Pure: the
// clock comes in as `now`.
import type { EndpointTraffic, StatusClass, TrafficRange } from '../../contract/index.js';
import { statusClasses } from '../../contract/index.js';

const MINUTE = 60_000;

/** Each range's bucket size and count: about 60-100 bars whatever the range. */
export const TRAFFIC_WINDOWS: Record<TrafficRange, { bucketMs: number; buckets: number }> = {
  '1h': { bucketMs: MINUTE, buckets: 60 },
  '24h': { bucketMs: 15 * MINUTE, buckets: 96 },
  '7d': { bucketMs: 120 * MINUTE, buckets: 84 },
};

/** A group as SQLite returns it: the bucket index from `from`, the status, whether refused. */
export interface TrafficGroup {
  slot: number;
  status: number;
  rejected: boolean;
  count: number;
}

export function statusClass(status: number, rejected: boolean): StatusClass {
  if (rejected) return 'rejected';
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return 'other';
}

const zero = (): Record<StatusClass, number> => Object.fromEntries(statusClasses.map((c) => [c, 0])) as Record<StatusClass, number>;

/** The window ending with the bucket that holds `now`, buckets aligned to the epoch so refreshes line up. */
export function trafficWindow(range: TrafficRange, now: number): { from: number; to: number; bucketMs: number; buckets: number } {
  const { bucketMs, buckets } = TRAFFIC_WINDOWS[range];
  const to = (Math.floor(now / bucketMs) + 1) * bucketMs;
  return { from: to - buckets * bucketMs, to, bucketMs, buckets };
}

export function bucketTraffic(slug: string, range: TrafficRange, now: number, groups: readonly TrafficGroup[]): EndpointTraffic {
  const { from, bucketMs, buckets: count } = trafficWindow(range, now);
  const buckets = Array.from({ length: count }, zero);
  const totals = zero();
  for (const group of groups) {
    const bucket = buckets[group.slot];
    // Out of the window (a clock that went back, a row in flight): not drawn, not counted.
    if (!bucket || !Number.isInteger(group.slot)) continue;
    const kind = statusClass(group.status, group.rejected);
    bucket[kind] += group.count;
    totals[kind] += group.count;
  }
  return { slug, range, from, bucketMs, buckets, totals };
}
