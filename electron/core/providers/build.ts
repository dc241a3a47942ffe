// Small builders the catalogue's files share, so an entry reads as its provider's facts.
import type { HeaderPair, ResponseRule } from '../../contract/index.js';
import type { Matcher, MatchRule, Recognizer, Source } from './recognition-types.js';
import type { DeliveryContract, Sample } from './types.js';

export const path = (p: string): Source => ({ path: p });
export const header = (h: string): Source => ({ header: h });
export const value = (v: string): Source => ({ value: v });
export const first = (...sources: Source[]): Source => ({ first: sources });

/** Event names such as `invoice.payment_failed`, `charge.refunded`, `job.canceled`, normalised (see Matcher). */
export const failureWords: Matcher = /\b(fail|failed|failure|error|errored|canceled|cancelled|declined|expired|rejected|refused|bounced|timed out|timeout)\b/;
export const pendingWords: Matcher = /\b(pending|processing|in progress|queued|requested|waiting|scheduled|started|requires \w+|action required)\b/;

const json: HeaderPair[] = [['Content-Type', 'application/json']];
export const fast = (body = '{"received":true}', headers: HeaderPair[] = json): ResponseRule => ({ status: 200, headers, body, delayMs: 0 });

/** The usual contract: any 2xx, answered at once. */
export function twoHundred(deadlineMs: number | null, retries: string, source: string, response: ResponseRule = fast()): DeliveryContract {
  return { response, deadlineMs, ack: { status: '2xx' }, retries, source };
}

/**
 * The usual recognition: the provider's headers (or body shape) name it, the event's name says
 * whether it reports a failure, something pending or a success.
 */
export function byEvent(spec: {
  match: readonly MatchRule[];
  event: Source;
  jobId?: Source;
  status?: Source;
  fields?: Readonly<Record<string, Source>>;
  summary?: readonly string[];
  idHeaders?: readonly string[];
  dedupe?: Source;
  scanLinks?: boolean;
}): Omit<Recognizer, 'id' | 'name'> {
  return {
    ...spec,
    outcome: { from: spec.status ?? spec.event, failure: failureWords, pending: pendingWords, otherwise: 'success' },
    fields: spec.fields ?? {},
    summary: spec.summary ?? ['{jobId|short}'],
  };
}

export const jsonSample = (body: unknown, headers: HeaderPair[] = [], path = ''): Sample => ({
  method: 'POST',
  path,
  headers: [['Content-Type', 'application/json'], ...headers],
  body: JSON.stringify(body),
});
