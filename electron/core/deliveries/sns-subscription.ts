// Amazon SNS subscription confirmation, on the user's click only. An SNS SubscriptionConfirmation
// names a SubscribeURL; visiting it subscribes this endpoint to the topic. The URL comes from the
// body of a request anyone could have sent, so it is visited only when the user asks, only over
// https and only on the documented SNS hosts (sns.<region>.amazonaws.com, and .amazonaws.com.cn in
// China), and through the archive's SSRF-guarded fetcher (resolved addresses checked, pinned,
// no redirects followed, a small size cap and one deadline). The answer is stored as data.
import { ApiError, type HandshakeInfo } from '../../contract/index.js';
import { fetchDocument, type FetchDocumentOptions } from '../archive/index.js';
import type { CoreEvents } from '../events/core-events.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import { SNS_HOST } from '../verify/certificates.js';

/** Confirmation bodies are a few hundred bytes of XML; the body the URL came from was capped at capture. */
const MAX_CONFIRM_BODY_BYTES = 64 * 1024;
const MAX_ANSWER_BYTES = 64 * 1024;

/** Why a SubscribeURL may not be visited, or null when it may. Pure: the policy, table-tested. */
export function subscribeUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'the SubscribeURL is not a URL';
  }
  if (url.protocol !== 'https:') return `the SubscribeURL must be https, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'the SubscribeURL carries credentials';
  if (!SNS_HOST.test(url.hostname)) return `${url.hostname} is not an Amazon SNS host (sns.<region>.amazonaws.com)`;
  return null;
}

/** The SubscribeURL of a stored SubscriptionConfirmation body, or null. */
export function subscribeUrlOf(body: Buffer): string | null {
  if (body.length > MAX_CONFIRM_BODY_BYTES) return null;
  try {
    const value = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return value?.Type === 'SubscriptionConfirmation' && typeof value.SubscribeURL === 'string' ? value.SubscribeURL : null;
  } catch {
    return null;
  }
}

export interface SnsConfirmDeps {
  deliveries: DeliveryRepository;
  /** Tells the UIs the delivery changed (the announcer's `updated`). */
  updated: (ids: number[]) => void;
  events?: CoreEvents;
  /** Test hooks: an injected resolver, loopback, an extra CA. */
  fetchOptions?: Partial<FetchDocumentOptions>;
}

export async function confirmSubscription(id: number, deps: SnsConfirmDeps): Promise<{ handshake: HandshakeInfo; status: number }> {
  const summary = deps.deliveries.summary(id);
  if (!summary) throw new ApiError('not_found', `no delivery ${id}`);
  if (summary.handshake?.kind !== 'sns-subscription') throw new ApiError('invalid_argument', `delivery ${id} is not an Amazon SNS SubscriptionConfirmation`);
  const url = subscribeUrlOf(deps.deliveries.body(id) ?? Buffer.alloc(0));
  if (url === null) throw new ApiError('invalid_argument', `delivery ${id} has no SubscribeURL`);
  const problem = subscribeUrlProblem(url);
  if (problem) throw new ApiError('forbidden', `not visited: ${problem}`);
  const result = await fetchDocument(url, {
    maxBytes: MAX_ANSWER_BYTES,
    timeoutMs: 15_000,
    maxRedirects: 0,
    allowLoopback: false,
    accept: 'any',
    userAgent: 'Hookscope SNS subscription confirmation',
    ...deps.fetchOptions,
  });
  const status = result.state === 'archived' ? result.status : (result.error.status ?? 0);
  const confirmed = result.state === 'archived' && status >= 200 && status < 300;
  const handshake: HandshakeInfo = {
    kind: 'sns-subscription',
    confirmed,
    answered: confirmed ? `subscription confirmed: SNS answered ${status}` : `confirmation failed: ${result.state === 'failed' ? result.error.message : `SNS answered ${status}`}`,
  };
  deps.deliveries.setHandshake(id, handshake);
  deps.updated([id]);
  return { handshake, status };
}
