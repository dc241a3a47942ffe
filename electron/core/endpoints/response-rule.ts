import type { HeaderPair, ResponseRule, SentResponse } from '../../contract/index.js';

/** What a new endpoint answers: a fast 200 with a small JSON body, like most receivers should. */
export const defaultResponseRule: ResponseRule = {
  status: 200,
  headers: [['Content-Type', 'application/json']],
  body: '{"received":true}',
  delayMs: 0,
};

/** Fills the fields a partial rule (from the API) leaves out. */
export function completeResponseRule(partial: Partial<ResponseRule> | undefined, base = defaultResponseRule): ResponseRule {
  return {
    status: partial?.status ?? base.status,
    headers: partial?.headers ?? base.headers,
    body: partial?.body ?? base.body,
    delayMs: partial?.delayMs ?? base.delayMs,
  };
}

/**
 * The exact response a sender gets for an accepted delivery. A rule is a function of the endpoint
 * today; failure modes (fail the first N, fail X %) will make it a function of the delivery too,
 * which is why it is computed per request and stored with the delivery.
 */
export function responseFor(rule: ResponseRule): SentResponse {
  return { status: rule.status, headers: rule.headers.map(([n, v]): HeaderPair => [n, v]), body: rule.body };
}

export function jsonError(status: number, code: string, message: string): SentResponse {
  return {
    status,
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ error: { code, message } }),
  };
}
