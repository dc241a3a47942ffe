import type { Delivery, HeaderPair, ReplayAttempt } from '../../../../electron/contract/index.js';
import { base64ToBytes } from '../../lib/base64.js';

/** One side of a comparison: a request as it was captured or sent. */
export interface DiffSubject {
  /** e.g. "#12" or "replay attempt 4". */
  label: string;
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
  contentType: string | null;
}

const contentTypeOf = (headers: HeaderPair[]) => headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;

export function deliverySubject(delivery: Delivery, label = `#${delivery.id}`): DiffSubject {
  return { label, method: delivery.method, url: delivery.url, headers: delivery.headers, body: base64ToBytes(delivery.body), contentType: delivery.contentType };
}

export function attemptSubject(attempt: ReplayAttempt): DiffSubject {
  const { request } = attempt;
  return { label: `replay attempt ${attempt.id}`, method: request.method, url: request.url, headers: request.headers, body: base64ToBytes(request.body), contentType: contentTypeOf(request.headers) };
}
