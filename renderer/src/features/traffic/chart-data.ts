// The traffic chart's series: the bucket counts stacked bottom-up in status order, returned top
// first (uPlot paints series in order, so each smaller stack is drawn over the larger one).
import type { EndpointTraffic, StatusClass } from '../../../../electron/contract/index.js';

/** Bottom of the stack first: successes at the base, refusals on top. */
export const STACK_ORDER: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'other', 'rejected'];

export interface StackedSeries {
  /** Bucket starts in seconds (uPlot's time unit). */
  x: number[];
  /** One per class, top of the stack first: `series[i][b]` is the stack's height up to that class. */
  series: { kind: StatusClass; heights: number[] }[];
  /** Deliveries drawn, all buckets together. */
  total: number;
}

export function stackTraffic(traffic: EndpointTraffic): StackedSeries {
  const x = traffic.buckets.map((_, i) => (traffic.from + i * traffic.bucketMs) / 1000);
  const running = new Array<number>(traffic.buckets.length).fill(0);
  const bottomUp = STACK_ORDER.map((kind) => {
    traffic.buckets.forEach((bucket, i) => (running[i]! += bucket[kind]));
    return { kind, heights: [...running] };
  });
  return { x, series: bottomUp.reverse(), total: running.reduce((sum, n) => sum + n, 0) };
}
